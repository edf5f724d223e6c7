package vigil.bench.generate;

import java.util.EnumSet;
import java.util.Set;
import vigil.bench.generate.NessusPlugin.Platform;

/** The operating systems of generated hosts, weighted as in a typical enterprise network. */
enum HostOs {
  WINDOWS_2019("Microsoft Windows Server 2019 Standard", Platform.WINDOWS, 20, "WIN-SRV"),
  WINDOWS_2016("Microsoft Windows Server 2016 Standard", Platform.WINDOWS, 12, "WIN-SRV"),
  WINDOWS_2022("Microsoft Windows Server 2022 Standard", Platform.WINDOWS, 10, "WIN-SRV"),
  WINDOWS_10("Microsoft Windows 10 Enterprise", Platform.WINDOWS, 18, "WKS"),
  WINDOWS_11("Microsoft Windows 11 Enterprise", Platform.WINDOWS, 6, "WKS"),
  UBUNTU_2004("Linux Kernel 5.4.0-150-generic on Ubuntu 20.04", Platform.UBUNTU, 10, "ubuntu"),
  UBUNTU_2204("Linux Kernel 5.15.0-91-generic on Ubuntu 22.04", Platform.UBUNTU, 8, "ubuntu"),
  RHEL_8("Linux Kernel 4.18.0-477.27.1.el8_8.x86_64 on Red Hat Enterprise Linux release 8.8 (Ootpa)",
      Platform.RHEL, 8, "rhel"),
  RHEL_9("Linux Kernel 5.14.0-284.30.1.el9_2.x86_64 on Red Hat Enterprise Linux release 9.2 (Plow)",
      Platform.RHEL, 4, "rhel"),
  DEBIAN_11("Linux Kernel 5.10.0-26-amd64 on Debian 11.8", Platform.DEBIAN, 4, "debian");

  private static final int TOTAL_WEIGHT = java.util.Arrays.stream(values()).mapToInt(o -> o.weight).sum();

  final String label;
  final Platform distribution;
  final int weight;
  final String namePrefix;

  HostOs(String label, Platform distribution, int weight, String namePrefix) {
    this.label = label;
    this.distribution = distribution;
    this.weight = weight;
    this.namePrefix = namePrefix;
  }

  boolean isWindows() {
    return distribution == Platform.WINDOWS;
  }

  /** The plugin platforms that apply to a host running this system. */
  Set<Platform> platforms() {
    return isWindows()
        ? EnumSet.of(Platform.ANY, Platform.WINDOWS)
        : EnumSet.of(Platform.ANY, Platform.LINUX, distribution);
  }

  static HostOs draw(java.util.SplittableRandom r) {
    int x = r.nextInt(TOTAL_WEIGHT);
    for (HostOs os : values()) {
      x -= os.weight;
      if (x < 0) {
        return os;
      }
    }
    throw new AssertionError();
  }
}
