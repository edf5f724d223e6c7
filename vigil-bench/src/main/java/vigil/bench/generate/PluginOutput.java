package vigil.bench.generate;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import vigil.bench.generate.PluginCatalogue.Finding;

/**
 * The per-host {@code plugin_output} of a finding, in the layouts Nessus uses: version tables,
 * package lists, missing KBs, cipher tables, software inventories. Most are a few lines; inventories
 * run to tens of kilobytes.
 */
final class PluginOutput {
  private static final DateTimeFormatter SCAN_DATE =
      DateTimeFormatter.ofPattern("yyyy/M/d H:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final List<String> CIPHERS = List.of(
      "ECDHE-RSA-AES128-SHA256        0xC0, 0x27       ECDH           RSA      AES-CBC(128)           SHA256",
      "ECDHE-RSA-AES256-SHA384        0xC0, 0x28       ECDH           RSA      AES-CBC(256)           SHA384",
      "ECDHE-RSA-AES128-GCM-SHA256    0xC0, 0x2F       ECDH           RSA      AES-GCM(128)           SHA256",
      "ECDHE-RSA-AES256-GCM-SHA384    0xC0, 0x30       ECDH           RSA      AES-GCM(256)           SHA384",
      "DHE-RSA-AES128-SHA             0x00, 0x33       DH             RSA      AES-CBC(128)           SHA1",
      "DHE-RSA-AES256-SHA             0x00, 0x39       DH             RSA      AES-CBC(256)           SHA1",
      "RSA-AES128-SHA                 0x00, 0x2F       RSA            RSA      AES-CBC(128)           SHA1",
      "RSA-AES256-SHA                 0x00, 0x35       RSA            RSA      AES-CBC(256)           SHA1",
      "DES-CBC3-SHA                   0x00, 0x0A       RSA            RSA      3DES-CBC(168)          SHA1",
      "ECDHE-RSA-DES-CBC3-SHA         0xC0, 0x12       ECDH           RSA      3DES-CBC(168)          SHA1",
      "RC4-MD5                        0x00, 0x04       RSA            RSA      RC4(128)               MD5",
      "RC4-SHA                        0x00, 0x05       RSA            RSA      RC4(128)               SHA1",
      "curve25519-sha256              kex              -              -        -                      -",
      "diffie-hellman-group14-sha1    kex              -              -        -                      -",
      "aes128-cbc                     cipher           -              -        AES-CBC(128)           -",
      "hmac-sha1                      mac              -              -        -                      SHA1");
  /** label|value kind: the lines of informational outputs. */
  private static final List<String> LINES = List.of("Remote operating system|os", "Confidence level|number",
      "Method|word", "Hostname|fqdn", "Source|ip", "Protocol|word", "Subject|fqdn", "Issuer|word",
      "Serial Number|hex", "Manufacturer|word", "Product name|word", "Serial number|hex", "Version|version",
      "Release date|date", "User|word", "Interface|word", "IPv4 address|ip", "Netmask|mask", "Gateway|gateway",
      "Status|word", "Key|hex", "Path|path", "Certificate fingerprint|hex", "Resolved name|fqdn");
  private static final List<String> WORDS = List.of("enabled", "disabled", "VMware, Inc.", "eth0", "ens192",
      "SMB", "HTTP", "TLSv1.2", "administrator", "CORP", "Phoenix Technologies LTD", "Microsoft Corporation",
      "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz", "TPM 2.0", "none", "yes", "no");
  private static final List<String> WINDOWS_FILES = List.of("ntoskrnl.exe", "win32k.sys", "mshtml.dll",
      "ntdll.dll", "kernel32.dll", "lsasrv.dll", "rpcrt4.dll", "spoolsv.exe", "tcpip.sys", "srv2.sys");

  private PluginOutput() {}

  /** The output for {@code f} on {@code h}, or null for plugins that report none. */
  static String render(Finding f, ScannedHost h, SplittableRandom r) {
    NessusPlugin p = f.plugin();
    switch (p.output()) {
      case NONE:
        return null;
      case VERSION:
        return version(p, f, h, r);
      case PACKAGES:
        return packages(p.subject(), r);
      case KB:
        return kb(p.subject(), r);
      case SERVICE:
        return service(p, f, h, r);
      case CIPHERS:
        return ciphers(r);
      case SCAN_INFO:
        return scanInfo(h, r);
      case SOFTWARE_LIST:
        return software(h, r);
      case HOST_TEXT:
        return hostText(h, r);
      default:
        throw new AssertionError(p.output());
    }
  }

  private static String version(NessusPlugin p, Finding f, ScannedHost h, SplittableRandom r) {
    String installed = p.fixedVersion() == null ? Prose.version(r) : Prose.earlier(p.fixedVersion(), r);
    StringBuilder sb = new StringBuilder("\n");
    String path = p.installPath();
    if (path == null || path.equals("/")) {
      sb.append("  URL               : https://").append(h.fqdn()).append(':').append(f.port().number()).append("/\n");
    } else {
      if (h.os().isWindows() && path.startsWith("/")) {
        path = "C:\\Program Files\\" + p.subject() + "\\" + path.substring(path.lastIndexOf('/') + 1);
      }
      sb.append("  Path              : ").append(path).append('\n');
    }
    sb.append("  Installed version : ").append(installed).append('\n');
    if (p.fixedVersion() != null) {
      sb.append("  Fixed version     : ").append(p.fixedVersion()).append('\n');
    }
    return sb.toString();
  }

  private static String packages(String pkg, SplittableRandom r) {
    StringBuilder sb = new StringBuilder("\n");
    int n = Draw.skewed(r, 1, 14);
    String base = Prose.version(r);
    for (int i = 0; i < n; i++) {
      String name = i == 0 ? pkg : pkg + Draw.pick(r, List.of("-common", "-dev", "-doc", "-libs", "-tools", "-data"));
      String release = "-" + (1 + r.nextInt(20)) + ".el8_" + r.nextInt(10);
      sb.append("Remote package installed : ").append(name).append('-').append(base).append(release).append('\n')
          .append("Should be                : ").append(name).append('-').append(Prose.later(base, r)).append(release)
          .append("\n\n");
    }
    return sb.toString();
  }

  private static String kb(String kb, SplittableRandom r) {
    StringBuilder sb = new StringBuilder("\nThe remote host is missing one of the following rollup KBs :\n  - ")
        .append(kb).append("\n\n");
    int build = 17763 + r.nextInt(5000);
    for (int i = 0, n = 1 + Draw.skewed(r, 0, 3); i < n; i++) {
      int rev = 1000 + r.nextInt(4000);
      sb.append("  - C:\\Windows\\system32\\").append(Draw.pick(r, WINDOWS_FILES)).append(" has not been patched.\n")
          .append("    Remote version : 10.0.").append(build).append('.').append(rev).append('\n')
          .append("    Should be      : 10.0.").append(build).append('.').append(rev + 1 + r.nextInt(400))
          .append("\n\n");
    }
    return sb.toString();
  }

  private static String service(NessusPlugin p, Finding f, ScannedHost h, SplittableRandom r) {
    String service = f.port().service();
    if (p.name().contains("scanner")) {
      return "Port " + f.port().number() + "/" + f.port().protocol() + " was found to be open";
    }
    if (service.equals("ssh")) {
      return "\nSSH version : SSH-2.0-OpenSSH_8." + r.nextInt(10) + "p1\nSSH supported authentication :"
          + " publickey,password\n";
    }
    if (service.equals("www")) {
      return "The remote web server type is :\n\n" + (h.os().isWindows() ? "Microsoft-IIS/10.0" : "nginx/1."
          + (14 + r.nextInt(12)) + "." + r.nextInt(3));
    }
    return "A " + service + " server is running on this port.";
  }

  private static String ciphers(SplittableRandom r) {
    StringBuilder sb = new StringBuilder("\n  Here is the list of ciphers supported by the remote server :\n\n"
        + "    Name                           Code             KEX            Auth     Encryption             MAC\n"
        + "    ----------------------         ----------       ---            ----     ---------------------  ---\n");
    for (int i = 0, n = Draw.skewed(r, 2, 30); i < n; i++) {
      sb.append("    ").append(Draw.pick(r, CIPHERS)).append('\n');
    }
    sb.append("\nThe fields above are :\n\n  {Tenable ciphername}\n  {Cipher ID code}\n  Kex={key exchange}\n"
        + "  Auth={authentication}\n  Encrypt={symmetric encryption method}\n  MAC={message authentication code}\n"
        + "  {export flag}\n");
    return sb.toString();
  }

  private static String scanInfo(ScannedHost h, SplittableRandom r) {
    return "Information about this scan : \n\nNessus version : 10.6." + r.nextInt(5) + "\nNessus build : 20005\n"
        + "Plugin feed version : 202311" + (10 + r.nextInt(20)) + "0322\nScanner edition used : Nessus\n"
        + "Scanner OS : LINUX\nScanner distribution : es8-x86-64\nScan type : Normal\n"
        + "Scan name : Weekly infrastructure scan\nScan policy used : Advanced Network Scan\n"
        + "Scanner IP : 10.255.0.10\nPort scanner(s) : nessus_syn_scanner \nPort range : default\n"
        + "Ping RTT : " + (1 + r.nextInt(90)) + "." + r.nextInt(1000) + " ms\nThorough tests : no\n"
        + "Experimental tests : no\nPlugin debugging enabled : no\nParanoia level : 1\nReport verbosity : 1\n"
        + "Safe checks : yes\nOptimize the test : yes\nCredentialed checks : yes, as '" + (h.os().isWindows()
        ? "CORP\\svc_nessus" : "nessus") + "' via " + (h.os().isWindows() ? "SMB" : "ssh") + "\n"
        + "Attempt Least Privilege : no\nPatch management checks : None\nDisplay superseded patches : yes\n"
        + "CGI scanning : disabled\nWeb application tests : disabled\nMax hosts : 30\nMax checks : 4\n"
        + "Recv timeout : 5\nBackports : Detected\nAllow post-scan editing : Yes\n"
        + "Nessus Plugin Signature Checking : Enabled\nAudit File Signature Checking : Disabled\n"
        + "Scan Start Date : " + SCAN_DATE.format(h.start()) + "\nScan duration : "
        + (h.end().getEpochSecond() - h.start().getEpochSecond()) + " sec\nScan for malware : no\n";
  }

  private static String software(ScannedHost h, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(h.os().isWindows()
        ? "\nThe following software are installed on the remote host :\n\n"
        : "\nHere is the list of packages installed on the remote " + h.os().namePrefix + " system : \n\n");
    for (int i = 0, n = Draw.skewed(r, 60, 450); i < n; i++) {
      String v = Prose.version(r);
      if (h.os().isWindows()) {
        sb.append("  ").append(Draw.pick(r, List.of("Microsoft", "Intel", "VMware", "Adobe", "Google", "Mozilla",
            "Oracle", "Citrix"))).append(' ').append(Draw.pick(r, List.of("Runtime", "Driver", "Agent", "Client",
            "Redistributable", "Update Helper", "Tools", "SDK"))).append(' ').append(v).append("  [version ")
            .append(v).append("]  [installed on ").append(Prose.date(r, 2019, 2023)).append("]\n");
      } else {
        sb.append("  ii  lib").append(Prose.hex(r, 3 + r.nextInt(8))).append("  ").append(v).append('-')
            .append(1 + r.nextInt(9)).append("  amd64  shared library for ").append(Prose.hex(r, 6))
            .append(" support\n");
      }
    }
    return sb.toString();
  }

  private static String hostText(ScannedHost h, SplittableRandom r) {
    StringBuilder sb = new StringBuilder("\n");
    for (int i = 0, n = Draw.skewed(r, 1, 14); i < n; i++) {
      String[] line = Draw.pick(r, LINES).split("\\|");
      sb.append("  ").append(line[0]).append(" : ").append(switch (line[1]) {
        case "os" -> h.os().label;
        case "number" -> String.valueOf(r.nextInt(101));
        case "fqdn" -> h.fqdn();
        case "ip" -> h.ip();
        case "hex" -> Prose.hex(r, 8 + r.nextInt(32));
        case "version" -> Prose.version(r);
        case "date" -> Prose.date(r, 2015, 2024);
        case "mask" -> "255.255.255.0";
        case "gateway" -> "10.255.0.1";
        case "path" -> h.os().isWindows() ? "C:\\Windows\\System32" : "/usr/local/sbin:/usr/bin";
        default -> Draw.pick(r, WORDS);
      }).append('\n');
    }
    return sb.toString();
  }
}
