package vigil.bench.generate;

import java.util.List;

/**
 * One Nessus plugin of the generated catalogue: what every {@code ReportItem} it produces says
 * alike. What differs per host (the plugin output, the port among several) is drawn when the item
 * is written.
 *
 * @param severity 0 (info) to 4 (critical), as in the {@code severity} attribute
 * @param subject what the plugin output talks about: a product, a package or a KB number
 * @param installPath where the product lives, for version checks; else null
 * @param fixedVersion the first version without the flaw, for version checks; else null
 * @param tags the item's constant child elements, sorted by element name as Nessus writes them
 * @param popularity relative chance of being found on a host among plugins of its severity
 */
record NessusPlugin(
    int id,
    String name,
    String family,
    int severity,
    Platform platform,
    List<Port> ports,
    Output output,
    String subject,
    String installPath,
    String fixedVersion,
    List<Tag> tags,
    double popularity) {

  NessusPlugin {
    ports = List.copyOf(ports);
    tags = List.copyOf(tags);
  }

  /** Where a plugin applies: every host, a family of operating systems, or one distribution. */
  enum Platform {
    ANY,
    WINDOWS,
    LINUX,
    UBUNTU,
    RHEL,
    DEBIAN
  }

  /** The shape of the per-host {@code plugin_output}. */
  enum Output {
    NONE,
    VERSION,
    PACKAGES,
    KB,
    SERVICE,
    CIPHERS,
    SCAN_INFO,
    SOFTWARE_LIST,
    HOST_TEXT
  }

  record Port(int number, String protocol, String service) {
    static final Port GENERAL = new Port(0, "tcp", "general");
    static final Port CIFS = new Port(445, "tcp", "cifs");

    /** Reads "443/tcp/www". */
    static Port of(String spec) {
      String[] p = spec.split("/");
      return new Port(Integer.parseInt(p[0]), p[1], p[2]);
    }
  }

  /** One child element of a {@code ReportItem}. */
  record Tag(String element, String text) {}
}
