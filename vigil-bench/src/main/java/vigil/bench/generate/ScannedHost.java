package vigil.bench.generate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A host of the generated network, the same for a given seed and index whatever file it is
 * written to: its address follows from the index, the rest from the host's random stream.
 *
 * @param netbios the NetBIOS name, for Windows hosts only; else null
 */
record ScannedHost(int index, HostOs os, String ip, String name, String fqdn, String netbios, List<String> macs,
    Instant start, Instant end) {

  private static final List<String> DOMAINS = List.of("corp.example.com", "dc1.example.com", "dmz.example.com",
      "lab.example.com");
  /** Hosts of one scan start this far apart; each takes several minutes. */
  private static final int STAGGER_SECONDS = 7;

  ScannedHost {
    macs = List.copyOf(macs);
  }

  /** Draws host {@code index} from its stream {@code r}, scanned in the scan starting at {@code scanStart}. */
  static ScannedHost draw(int index, SplittableRandom r, Instant scanStart) {
    if (index < 0 || index >= 254 * 256 * 256) {
      throw new IllegalArgumentException("host index " + index + " is outside the generated 10.0.0.0/8 range");
    }
    HostOs os = HostOs.draw(r);
    String ip = "10." + (index / (254 * 256)) + "." + (index / 254 % 256) + "." + (1 + index % 254);
    String name = os.isWindows()
        ? (os.namePrefix.equals("WKS") ? "WKS" : "SRV") + String.format("%06d", index)
        : os.namePrefix + "-" + String.format("%06d", index);
    String fqdn = name.toLowerCase(Locale.ROOT) + "." + Draw.pick(r, DOMAINS);
    List<String> macs = new ArrayList<>();
    macs.add(String.format("00:50:56:%02x:%02x:%02x", index >> 16 & 0xff, index >> 8 & 0xff, index & 0xff));
    if (r.nextInt(10) == 0) {
      macs.add(String.format("00:0c:29:%02x:%02x:%02x", index >> 16 & 0xff, index >> 8 & 0xff, index & 0xff));
    }
    Instant start = scanStart.plusSeconds((long) index * STAGGER_SECONDS);
    Instant end = start.plusSeconds(240 + r.nextInt(2400));
    return new ScannedHost(index, os, ip, name, fqdn, os.isWindows() ? name : null, macs, start, end);
  }
}
