package vigil.bench.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import vigil.bench.generate.NessusPlugin.Output;
import vigil.bench.generate.NessusPlugin.Platform;
import vigil.bench.generate.NessusPlugin.Port;
import vigil.bench.generate.NessusPlugin.Tag;

/**
 * A catalogue of a few thousand Nessus plugins, deterministic from a seed: the informational
 * plugins every credentialed scan reports (under their real ids and names), configuration
 * weaknesses, Windows roll-ups, Linux distribution advisories and application version checks.
 * Hosts draw their findings from it with {@link #forHost}.
 */
final class PluginCatalogue {
  /**
   * Share of report items per severity, 0 (info) to 4 (critical), in a credentialed network scan:
   * mostly informational, a few percent critical.
   */
  static final double[] ITEM_SHARE = {0.62, 0.05, 0.18, 0.11, 0.04};
  private static final double INFO_PLUGIN_SHARE = 0.3;
  private static final long SALT = 0x51A7_0001L;

  private final List<NessusPlugin> plugins;
  private final Map<HostOs, NessusPlugin[][]> bySeverity = new EnumMap<>(HostOs.class);

  private PluginCatalogue(List<NessusPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
    for (HostOs os : HostOs.values()) {
      Set<Platform> platforms = os.platforms();
      NessusPlugin[][] buckets = new NessusPlugin[5][];
      for (int s = 0; s < 5; s++) {
        int severity = s;
        buckets[s] = plugins.stream()
            .filter(p -> p.severity() == severity && platforms.contains(p.platform()))
            .toArray(NessusPlugin[]::new);
      }
      bySeverity.put(os, buckets);
    }
  }

  /** Builds {@code size} plugins (at least the fixed real ones) from {@code seed}. */
  static PluginCatalogue build(long seed, int size) {
    return new PluginCatalogue(new Builder(Seeds.stream(seed, SALT, 0), size).build());
  }

  List<NessusPlugin> plugins() {
    return plugins;
  }

  /** One finding drawn for a host: the plugin and the port it fired on. */
  record Finding(NessusPlugin plugin, Port port) {}

  /**
   * Draws {@code count} distinct plugins for a host running {@code os}: severities follow {@link
   * #ITEM_SHARE}, popular plugins are drawn more often, and the result is in port order as Nessus
   * writes it.
   */
  List<Finding> forHost(HostOs os, int count, SplittableRandom r) {
    NessusPlugin[][] buckets = bySeverity.get(os);
    int[] want = new int[5];
    for (int i = 0; i < count; i++) {
      want[Draw.weighted(r, ITEM_SHARE)]++;
    }
    int spill = 0;
    for (int s = 0; s < 5; s++) {
      if (want[s] > buckets[s].length) {
        spill += want[s] - buckets[s].length;
        want[s] = buckets[s].length;
      }
    }
    for (int s : new int[] {0, 2, 3, 1, 4}) {
      int take = Math.min(spill, buckets[s].length - want[s]);
      want[s] += take;
      spill -= take;
    }
    if (spill > 0) {
      int applicable = Arrays.stream(buckets).mapToInt(b -> b.length).sum();
      throw new IllegalArgumentException(count + " findings per host exceed the " + applicable
          + " plugins of the catalogue that apply to " + os.label + "; raise --plugins");
    }
    List<Finding> out = new ArrayList<>(count);
    for (int s = 0; s < 5; s++) {
      for (NessusPlugin p : Draw.sample(Arrays.asList(buckets[s]), NessusPlugin::popularity, want[s], r)) {
        out.add(new Finding(p, p.ports().get(r.nextInt(p.ports().size()))));
      }
    }
    out.sort(Comparator.comparingInt((Finding f) -> f.port().number()).thenComparingInt(f -> f.plugin().id()));
    return out;
  }

  /** Assembles the catalogue; one random stream, consumed in a fixed order. */
  private static final class Builder {
    /** id|name|family|platform|ports|output|popularity: informational plugins, real ids and names. */
    private static final List<String> HOST_INFO = List.of(
        "19506|Nessus Scan Information|Settings|ANY|0/tcp/general|SCAN_INFO|1.0",
        "11936|OS Identification|General|ANY|0/tcp/general|HOST_TEXT|1.0",
        "45590|Common Platform Enumeration (CPE)|General|ANY|0/tcp/general|HOST_TEXT|1.0",
        "54615|Device Type|General|ANY|0/tcp/general|HOST_TEXT|1.0",
        "10287|Traceroute Information|General|ANY|0/udp/general|HOST_TEXT|0.95",
        "86420|Ethernet MAC Addresses|General|ANY|0/tcp/general|HOST_TEXT|0.95",
        "25220|TCP/IP Timestamps Supported|General|ANY|0/tcp/general|NONE|0.8",
        "11219|Nessus SYN scanner|Port scanners|ANY|22/tcp/ssh,80/tcp/www,135/tcp/epmap,139/tcp/smb,443/tcp/www,"
            + "445/tcp/cifs,3389/tcp/msrdp|SERVICE|1.0",
        "22964|Service Detection|Service detection|ANY|22/tcp/ssh,80/tcp/www,443/tcp/www,3389/tcp/msrdp|SERVICE|0.95",
        "10107|HTTP Server Type and Version|Web Servers|ANY|80/tcp/www,443/tcp/www,8080/tcp/www|SERVICE|0.6",
        "24260|HyperText Transfer Protocol (HTTP) Information|Web Servers|ANY|80/tcp/www,443/tcp/www|HOST_TEXT|0.6",
        "56984|SSL / TLS Versions Supported|General|ANY|443/tcp/www,3389/tcp/msrdp,8443/tcp/www|HOST_TEXT|0.8",
        "10863|SSL Certificate Information|General|ANY|443/tcp/www,3389/tcp/msrdp,8443/tcp/www|HOST_TEXT|0.8",
        "21643|SSL Cipher Suites Supported|General|ANY|443/tcp/www,3389/tcp/msrdp,8443/tcp/www|CIPHERS|0.8",
        "70544|SSL Cipher Block Chaining Cipher Suites Supported|General|ANY|443/tcp/www,3389/tcp/msrdp|CIPHERS|0.7",
        "57041|SSL Perfect Forward Secrecy Cipher Suites Supported|General|ANY|443/tcp/www,3389/tcp/msrdp|CIPHERS|0.7",
        "10881|SSH Protocol Versions Supported|General|LINUX|22/tcp/ssh|HOST_TEXT|0.95",
        "70657|SSH Algorithms and Languages Supported|Misc.|LINUX|22/tcp/ssh|CIPHERS|0.95",
        "10267|SSH Server Type and Version Information|Service detection|LINUX|22/tcp/ssh|SERVICE|0.95",
        "149334|SSH Password Authentication Accepted|Misc.|LINUX|22/tcp/ssh|NONE|0.6",
        "10150|Windows NetBIOS / SMB Remote Host Information Disclosure|Windows|WINDOWS|137/udp/netbios-ns|HOST_TEXT|0.95",
        "10394|Microsoft Windows SMB Log In Possible|Windows|WINDOWS|445/tcp/cifs|HOST_TEXT|0.95",
        "10785|Microsoft Windows SMB NativeLanManager Remote System Information Disclosure|Windows|WINDOWS|"
            + "445/tcp/cifs|HOST_TEXT|0.95",
        "11011|Microsoft Windows SMB Service Detection|Windows|WINDOWS|139/tcp/smb,445/tcp/cifs|SERVICE|0.95",
        "100871|Microsoft Windows SMB Versions Supported (remote check)|Windows|WINDOWS|445/tcp/cifs|HOST_TEXT|0.9",
        "106716|Microsoft Windows SMB2 and SMB3 Dialects Supported (remote check)|Windows|WINDOWS|445/tcp/cifs|"
            + "HOST_TEXT|0.9",
        "10736|DCE Services Enumeration|Windows|WINDOWS|135/tcp/epmap,49664/tcp/dce-rpc,49665/tcp/dce-rpc|HOST_TEXT|0.95",
        "20094|VMware Virtual Machine Detection|General|ANY|0/tcp/general|NONE|0.7",
        "35716|Ethernet Card Manufacturer Detection|Misc.|ANY|0/tcp/general|HOST_TEXT|0.8",
        "12053|Host Fully Qualified Domain Name (FQDN) Resolution|General|ANY|0/tcp/general|HOST_TEXT|0.95",
        "22869|Software Enumeration (SSH)|General|LINUX|0/tcp/general|SOFTWARE_LIST|0.9",
        "20811|Microsoft Windows Installed Software Enumeration (credentialed check)|Windows|WINDOWS|445/tcp/cifs|"
            + "SOFTWARE_LIST|0.9",
        "141118|Target Credential Status by Authentication Protocol - Valid Credentials Provided|Settings|ANY|"
            + "0/tcp/general|HOST_TEXT|0.9",
        "110095|Target Credential Issues by Authentication Protocol - No Issues Found|Settings|ANY|0/tcp/general|NONE|0.9",
        "117887|OS Security Patch Assessment Available|Settings|ANY|0/tcp/general|HOST_TEXT|0.9",
        "97993|OS Identification and Installed Software Enumeration over SSH v2 (Using New SSH Library)|General|LINUX|"
            + "0/tcp/general|HOST_TEXT|0.9",
        "64582|Netstat Connection Information|General|ANY|0/tcp/general|NONE|0.8",
        "14272|Netstat Portscanner (SSH)|Port scanners|LINUX|22/tcp/ssh,111/tcp/rpc-portmapper,5432/tcp/postgresql|"
            + "SERVICE|0.8",
        "34096|BIOS Info (WMI)|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.8",
        "34098|BIOS Info (SSH)|General|LINUX|0/tcp/general|HOST_TEXT|0.8",
        "45432|Processor Information (SSH)|General|LINUX|0/tcp/general|HOST_TEXT|0.8",
        "55472|Device Hostname|General|ANY|0/tcp/general|HOST_TEXT|0.9",
        "25202|Enumerate IPv6 Interfaces via SSH|General|LINUX|0/tcp/general|HOST_TEXT|0.7",
        "33276|Enumerate MAC Addresses via SSH|General|LINUX|0/tcp/general|HOST_TEXT|0.7",
        "95928|Linux User List Enumeration|Misc.|LINUX|0/tcp/general|HOST_TEXT|0.8",
        "39520|Backported Security Patch Detection (SSH)|General|LINUX|22/tcp/ssh|NONE|0.6",
        "83303|Unix / Linux - Local Users Information : Passwords Never Expire|Misc.|LINUX|0/tcp/general|HOST_TEXT|0.6",
        "168980|Enumerate the PATH Variables|General|ANY|0/tcp/general|HOST_TEXT|0.8",
        "171410|IP Assignment Method Detection|General|ANY|0/tcp/general|HOST_TEXT|0.8",
        "179200|Enumerate the Network Routing configuration via SSH|General|LINUX|0/tcp/general|HOST_TEXT|0.7",
        "92428|Recent File History|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.6",
        "72482|Windows Display Driver Enumeration|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.6",
        "48337|Windows ComputerSystemProduct Enumeration (WMI)|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.8",
        "24270|Computer Manufacturer Information (WMI)|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.8",
        "51186|WMI Trusted Platform Module Enumeration|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.6",
        "161502|Microsoft Windows Logged On Users|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.7",
        "38689|Microsoft Windows SMB Last Logged On User Disclosure|Windows|WINDOWS|445/tcp/cifs|HOST_TEXT|0.7",
        "92366|Microsoft Windows Hosts File|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.6",
        "10400|Microsoft Windows SMB Registry Remotely Accessible|Windows|WINDOWS|445/tcp/cifs|NONE|0.8",
        "48942|Microsoft Windows SMB Registry : OS Version and Processor Architecture|Windows|WINDOWS|445/tcp/cifs|"
            + "HOST_TEXT|0.8",
        "44401|Microsoft Windows SMB Service Config Enumeration|Windows|WINDOWS|445/tcp/cifs|SOFTWARE_LIST|0.6",
        "92415|Application Compatibility Cache|Windows|WINDOWS|0/tcp/general|HOST_TEXT|0.5",
        "160301|Link-Local Multicast Name Resolution (LLMNR) Service Detection|Service detection|WINDOWS|"
            + "5355/udp/llmnr|NONE|0.6",
        "10114|ICMP Timestamp Request Remote Date Disclosure|General|ANY|0/icmp/general|HOST_TEXT|0.5",
        "10180|Ping the remote host|Port scanners|ANY|0/tcp/general|HOST_TEXT|0.3");

    /** id|name|family|platform|ports|severity|cves|output|popularity: configuration weaknesses. */
    private static final List<String> WEAKNESSES = List.of(
        "57608|SMB Signing not required|Misc.|WINDOWS|445/tcp/cifs|2||NONE|0.8",
        "104743|TLS Version 1.0 Protocol Detection|Service detection|ANY|443/tcp/www,3389/tcp/msrdp,8443/tcp/www|2||"
            + "HOST_TEXT|0.5",
        "157288|TLS Version 1.1 Deprecated Protocol|Service detection|ANY|443/tcp/www,3389/tcp/msrdp|2||HOST_TEXT|0.5",
        "42873|SSL Medium Strength Cipher Suites Supported (SWEET32)|General|ANY|443/tcp/www,3389/tcp/msrdp|3|"
            + "CVE-2016-2183|CIPHERS|0.5",
        "51192|SSL Certificate Cannot Be Trusted|General|ANY|443/tcp/www,3389/tcp/msrdp,8443/tcp/www|2||HOST_TEXT|0.6",
        "57582|SSL Self-Signed Certificate|General|ANY|443/tcp/www,3389/tcp/msrdp|2||HOST_TEXT|0.5",
        "15901|SSL Certificate Expiry|General|ANY|443/tcp/www,8443/tcp/www|2||HOST_TEXT|0.3",
        "35291|SSL Certificate Signed Using Weak Hashing Algorithm|General|ANY|443/tcp/www|2|CVE-2004-2761,"
            + "CVE-2005-4900|HOST_TEXT|0.2",
        "65821|SSL RC4 Cipher Suites Supported (Bar Mitzvah)|General|ANY|443/tcp/www,3389/tcp/msrdp|2|CVE-2013-2566,"
            + "CVE-2015-2808|CIPHERS|0.3",
        "31705|SSL Anonymous Cipher Suites Supported|Service detection|ANY|443/tcp/www|1|CVE-2007-1858|CIPHERS|0.1",
        "83875|SSL/TLS Diffie-Hellman Modulus <= 1024 Bits (Logjam)|Misc.|ANY|443/tcp/www|1|CVE-2015-4000|HOST_TEXT|0.2",
        "70658|SSH Server CBC Mode Ciphers Enabled|Misc.|LINUX|22/tcp/ssh|1|CVE-2008-5161|CIPHERS|0.5",
        "153953|SSH Weak Key Exchange Algorithms Enabled|Misc.|LINUX|22/tcp/ssh|1||CIPHERS|0.5",
        "71049|SSH Weak MAC Algorithms Enabled|Misc.|LINUX|22/tcp/ssh|1||CIPHERS|0.5",
        "90317|SSH Weak Algorithms Supported|Misc.|LINUX|22/tcp/ssh|2||CIPHERS|0.3",
        "187315|SSH Terrapin Prefix Truncation Weakness (CVE-2023-48795)|Misc.|LINUX|22/tcp/ssh|2|CVE-2023-48795|"
            + "HOST_TEXT|0.7",
        "18405|Microsoft Windows Remote Desktop Protocol Server Man-in-the-Middle Weakness|Windows|WINDOWS|"
            + "3389/tcp/msrdp|2|CVE-2005-1794|NONE|0.4",
        "30218|Terminal Services Encryption Level is not FIPS-140 Compliant|Misc.|WINDOWS|3389/tcp/msrdp|1||HOST_TEXT|0.5",
        "57690|Terminal Services Encryption Level is Medium or Low|Misc.|WINDOWS|3389/tcp/msrdp|2||HOST_TEXT|0.3",
        "58453|Terminal Services Doesn't Use Network Level Authentication (NLA) Only|Misc.|WINDOWS|3389/tcp/msrdp|2||"
            + "NONE|0.4",
        "97833|MS17-010: Security Update for Microsoft Windows SMB Server (ETERNALBLUE) (ETERNALCHAMPION)"
            + " (ETERNALROMANCE) (ETERNALSYNERGY) (WannaCry) (EternalRocks) (Petya) (uncredentialed check)|Windows|"
            + "WINDOWS|445/tcp/cifs|3|CVE-2017-0143,CVE-2017-0144,CVE-2017-0145,CVE-2017-0146,CVE-2017-0147,"
            + "CVE-2017-0148|HOST_TEXT|0.05",
        "108797|Unsupported Windows OS (remote)|Windows|WINDOWS|0/tcp/general|4||HOST_TEXT|0.05",
        "33850|Unix Operating System Unsupported Version Detection|General|LINUX|0/tcp/general|4||HOST_TEXT|0.05",
        "41028|SNMP Agent Default Community Name (public)|SNMP|ANY|161/udp/snmp|3|CVE-1999-0517|HOST_TEXT|0.1",
        "11213|HTTP TRACE / TRACK Methods Allowed|Web Servers|ANY|80/tcp/www,443/tcp/www|2|CVE-2003-1567,"
            + "CVE-2004-2320,CVE-2010-0386|HOST_TEXT|0.2",
        "85582|Web Application Potentially Vulnerable to Clickjacking|Web Servers|ANY|80/tcp/www,443/tcp/www|2||"
            + "HOST_TEXT|0.3",
        "12085|Apache Tomcat Default Files|Web Servers|ANY|8080/tcp/www|2||HOST_TEXT|0.1",
        "40984|Browsable Web Directories|CGI abuses|ANY|80/tcp/www,443/tcp/www|2||HOST_TEXT|0.1",
        "26928|SSL Weak Cipher Suites Supported|Service detection|ANY|443/tcp/www|2||CIPHERS|0.1",
        "78479|SSLv3 Padding Oracle On Downgraded Legacy Encryption Vulnerability (POODLE)|General|ANY|443/tcp/www|1|"
            + "CVE-2014-3566|HOST_TEXT|0.05",
        "20007|SSL Version 2 and 3 Protocol Detection|Service detection|ANY|443/tcp/www|4||HOST_TEXT|0.05",
        "132101|Windows Speculative Execution Configuration Check|Windows|WINDOWS|445/tcp/cifs|2|CVE-2017-5715,"
            + "CVE-2017-5753,CVE-2017-5754,CVE-2018-3639,CVE-2018-3615,CVE-2018-3620|HOST_TEXT|0.6",
        "166555|WinVerifyTrust Signature Validation CVE-2013-3900 Mitigation (EnableCertPaddingCheck)|Windows|WINDOWS|"
            + "445/tcp/cifs|2|CVE-2013-3900|HOST_TEXT|0.7",
        "63155|Microsoft Windows Unquoted Service Path Enumeration|Windows|WINDOWS|445/tcp/cifs|3|CVE-2013-1609,"
            + "CVE-2014-0759,CVE-2014-5455|HOST_TEXT|0.3");

    /** name|family|platform|ports|install path: software that application checks are about. */
    private static final List<String> PRODUCTS = List.of(
        "Apache HTTP Server|Web Servers|LINUX|80/tcp/www,443/tcp/www|/usr/sbin/httpd",
        "nginx|Web Servers|LINUX|80/tcp/www,443/tcp/www|/usr/sbin/nginx",
        "Microsoft IIS|Web Servers|WINDOWS|80/tcp/www,443/tcp/www|C:\\Windows\\System32\\inetsrv\\w3wp.exe",
        "Apache Tomcat|Web Servers|ANY|8080/tcp/www,8443/tcp/www|/opt/tomcat/lib/catalina.jar",
        "OpenSSL|General|LINUX|0/tcp/general|/usr/lib/x86_64-linux-gnu/libssl.so.1.1",
        "OpenSSH|Misc.|LINUX|22/tcp/ssh|/usr/sbin/sshd",
        "PHP|CGI abuses|LINUX|80/tcp/www,443/tcp/www|/usr/bin/php",
        "MySQL Server|Databases|LINUX|3306/tcp/mysql|/usr/sbin/mysqld",
        "PostgreSQL|Databases|LINUX|5432/tcp/postgresql|/usr/lib/postgresql/14/bin/postgres",
        "Microsoft SQL Server|Databases|WINDOWS|1433/tcp/mssql|C:\\Program Files\\Microsoft SQL Server\\"
            + "MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe",
        "Oracle Java SE|Misc.|ANY|0/tcp/general|/usr/lib/jvm/java-11-openjdk-amd64/bin/java",
        "Mozilla Firefox|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\Mozilla Firefox\\firefox.exe",
        "Google Chrome|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
        "Adobe Acrobat Reader|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe",
        "VMware Tools|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe",
        "Microsoft Edge (Chromium)|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files (x86)\\Microsoft\\Edge\\"
            + "Application\\msedge.exe",
        "7-Zip|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\7-Zip\\7z.exe",
        "Notepad++|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\Notepad++\\notepad++.exe",
        "Zoom Client for Meetings|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\Zoom\\bin\\Zoom.exe",
        "Microsoft .NET Core|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\dotnet\\dotnet.exe",
        "WinRAR|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\WinRAR\\WinRAR.exe",
        "Wireshark|Windows|WINDOWS|445/tcp/cifs|C:\\Program Files\\Wireshark\\Wireshark.exe",
        "Samba|Misc.|LINUX|445/tcp/cifs|/usr/sbin/smbd",
        "Exim|SMTP problems|LINUX|25/tcp/smtp|/usr/sbin/exim4",
        "Postfix|SMTP problems|LINUX|25/tcp/smtp|/usr/sbin/postfix",
        "ISC BIND|DNS|LINUX|53/udp/dns|/usr/sbin/named",
        "Elasticsearch|Databases|ANY|9200/tcp/www|/usr/share/elasticsearch/lib/elasticsearch.jar",
        "Redis|Databases|LINUX|6379/tcp/redis|/usr/bin/redis-server",
        "Jenkins|CGI abuses|ANY|8080/tcp/www|/usr/share/java/jenkins.war",
        "Atlassian Confluence|CGI abuses|ANY|8090/tcp/www|/opt/atlassian/confluence/bin/start-confluence.sh",
        "WordPress|CGI abuses|LINUX|80/tcp/www,443/tcp/www|/var/www/html/wp-includes/version.php",
        "Microsoft Exchange Server|Windows|WINDOWS|443/tcp/www|C:\\Program Files\\Microsoft\\Exchange Server\\V15\\"
            + "Bin\\ExSetup.exe",
        "Apache Log4j|Misc.|ANY|0/tcp/general|/opt/app/lib/log4j-core.jar",
        "Python|Misc.|ANY|0/tcp/general|/usr/bin/python3",
        "Node.js|Misc.|ANY|0/tcp/general|/usr/bin/node",
        "curl|Misc.|ANY|0/tcp/general|/usr/bin/curl",
        "sudo|Misc.|LINUX|0/tcp/general|/usr/bin/sudo",
        "Dell iDRAC|Misc.|ANY|443/tcp/www|/",
        "Docker|Misc.|LINUX|0/tcp/general|/usr/bin/dockerd",
        "Git|Misc.|ANY|0/tcp/general|/usr/bin/git",
        "VMware vCenter Server|Misc.|ANY|443/tcp/www|/",
        "Splunk Enterprise|CGI abuses|ANY|8000/tcp/www|/opt/splunk/bin/splunkd",
        "Grafana|CGI abuses|ANY|3000/tcp/www|/usr/sbin/grafana-server",
        "Kubernetes|Misc.|LINUX|6443/tcp/www|/usr/bin/kubelet");

    private static final List<String> PACKAGES = List.of(
        "openssl", "linux", "glibc", "curl", "libxml2", "sudo", "bind9", "openssh", "python3.8", "nss", "krb5",
        "systemd", "polkit", "vim", "git", "expat", "zlib", "tiff", "tar", "apache2", "nginx", "postgresql-14",
        "mysql-8.0", "samba", "libssh", "gnutls28", "libx11", "cups", "ghostscript", "imagemagick", "poppler",
        "libwebp", "ffmpeg", "openjdk-11", "firefox", "thunderbird", "qemu", "dbus", "pam", "shadow", "util-linux",
        "busybox", "rsync", "libtasn1-6", "libgcrypt20", "gnupg2", "nghttp2", "libarchive", "less", "ncurses",
        "perl", "ruby2.7", "php7.4", "node", "containerd", "runc", "docker.io", "sqlite3", "libpng1.6", "freetype");
    private static final List<String> WINDOWS_UPDATES = List.of(
        "Windows 10 Version 21H2 / 22H2", "Windows Server 2019", "Windows Server 2022", "Windows Server 2016",
        "Windows 11 Version 22H2", "Windows 11 Version 23H2", "Windows 10 Version 1809");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December");
    private static final List<String> ISSUES = List.of("Remote Code Execution", "Denial of Service",
        "Information Disclosure", "Privilege Escalation", "Security Bypass", "Cross-Site Scripting",
        "Buffer Overflow", "Directory Traversal", "SQL Injection", "Request Smuggling");
    private static final List<String> VENDORS = List.of("Acme", "Fortinet", "Cisco", "HP", "Dell", "Lenovo",
        "Citrix", "Palo Alto", "Juniper", "Veeam", "SolarWinds", "Ivanti", "Trend Micro", "Symantec", "McAfee",
        "CrowdStrike", "Sophos", "Kaspersky", "Atlassian", "JetBrains", "GitLab", "Red Hat", "SAP", "IBM",
        "Oracle", "Adobe", "Autodesk", "Zabbix", "Nagios", "Puppet");
    private static final List<String> THINGS = List.of("Agent", "Client", "Server", "Console", "Web Interface",
        "Management Service", "Update Service", "Backup Agent", "Print Driver", "Firmware", "Plugin", "SDK",
        "Runtime", "Connector", "Gateway", "Proxy", "Collector", "Scheduler", "Launcher", "Helper Service");
    private static final List<String> CWES = List.of("20", "22", "78", "79", "89", "119", "125", "190", "200",
        "287", "352", "400", "416", "476", "502", "611", "787", "918");

    private static final List<String> RISK_FACTORS = List.of("None", "Low", "Medium", "High", "Critical");
    private static final String[][][] CVSS3 = {
      {},
      {{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", "3.7"}, {"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", "3.3"},
       {"CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "3.1"}},
      {{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", "6.5"}, {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", "5.3"},
       {"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "5.9"}, {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1"},
       {"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", "5.5"}, {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", "4.3"}},
      {{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5"}, {"CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "7.8"},
       {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "8.8"}, {"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "8.1"},
       {"CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", "7.0"}},
      {{"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8"}, {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.0"},
       {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", "9.1"}, {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9"}}
    };
    private static final String[][][] CVSS2 = {
      {},
      {{"CVSS2#AV:N/AC:H/Au:N/C:P/I:N/A:N", "2.6"}, {"CVSS2#AV:L/AC:L/Au:N/C:P/I:N/A:N", "2.1"}},
      {{"CVSS2#AV:N/AC:L/Au:N/C:P/I:N/A:N", "5.0"}, {"CVSS2#AV:N/AC:M/Au:N/C:N/I:P/A:N", "4.3"},
       {"CVSS2#AV:L/AC:L/Au:N/C:P/I:P/A:P", "4.6"}, {"CVSS2#AV:N/AC:M/Au:N/C:P/I:P/A:P", "6.8"}},
      {{"CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P", "7.5"}, {"CVSS2#AV:L/AC:L/Au:N/C:C/I:C/A:C", "7.2"},
       {"CVSS2#AV:N/AC:M/Au:N/C:C/I:C/A:C", "9.3"}},
      {{"CVSS2#AV:N/AC:L/Au:N/C:C/I:C/A:C", "10.0"}}
    };

    private final SplittableRandom r;
    private final int size;
    private final Set<Integer> ids = new HashSet<>();
    private final List<NessusPlugin> out = new ArrayList<>();

    Builder(SplittableRandom r, int size) {
      this.r = r;
      this.size = size;
    }

    List<NessusPlugin> build() {
      HOST_INFO.forEach(this::hostInfo);
      WEAKNESSES.forEach(this::weakness);
      int info = (int) Math.round(size * INFO_PLUGIN_SHARE);
      for (String product : PRODUCTS) {
        detection(product.split("\\|"), "Installed");
        detection(product.split("\\|"), "Version Detection");
      }
      while (count(0) < info) {
        filler();
      }
      while (out.size() < size) {
        int kind = r.nextInt(10);
        if (kind < 2) {
          windowsRollup();
        } else if (kind < 6) {
          distributionAdvisory();
        } else {
          applicationVersion();
        }
      }
      return out;
    }

    private long count(int severity) {
      return out.stream().filter(p -> p.severity() == severity).count();
    }

    private int freshId() {
      int id;
      do {
        id = 100_000 + r.nextInt(110_000);
      } while (!ids.add(id));
      return id;
    }

    private void hostInfo(String row) {
      String[] f = row.split("\\|");
      int id = Integer.parseInt(f[0]);
      ids.add(id);
      String name = f[1];
      Tags t = new Tags()
          .add("description", "This plugin reports " + name.toLowerCase(Locale.ROOT) + " for the remote host. "
              + "The information gathered may be used by other plugins and is reported for inventory purposes.")
          .add("solution", "n/a")
          .add("synopsis", "Nessus was able to gather " + name.toLowerCase(Locale.ROOT) + " from the remote host.");
      common(t, name, "combined", 0);
      out.add(new NessusPlugin(id, name, f[2], 0, Platform.valueOf(f[3]), ports(f[4]), Output.valueOf(f[5]), name,
          null, null, t.sorted(), Double.parseDouble(f[6])));
    }

    private void weakness(String row) {
      String[] f = row.split("\\|");
      int id = Integer.parseInt(f[0]);
      ids.add(id);
      int severity = Integer.parseInt(f[5]);
      List<String> cves = f[6].isEmpty() ? List.of() : List.of(f[6].split(","));
      Platform platform = Platform.valueOf(f[3]);
      Tags t = new Tags()
          .add("description", "The remote service is affected by the following weakness : " + f[1] + ".\n\n"
              + Prose.flaws(r, "the remote service", 1 + r.nextInt(2)))
          .add("solution", "Reconfigure the affected service according to the vendor's hardening guidance.")
          .add("synopsis", "The remote " + (platform == Platform.WINDOWS ? "Windows host" : "service")
              + " is affected by a configuration weakness.");
      if (f[1].startsWith("Unsupported")) {
        t.add("unsupported_by_vendor", "true");
      }
      cves.forEach(c -> t.add("cve", c));
      vulnerability(t, severity, cves.size());
      common(t, f[1], "remote", severity);
      out.add(new NessusPlugin(id, f[1], f[2], severity, platform, ports(f[4]), Output.valueOf(f[7]), f[1],
          null, null, t.sorted(), Double.parseDouble(f[8])));
    }

    private void detection(String[] product, String variant) {
      String name = product[0] + " " + variant + (variant.equals("Installed")
          ? (product[2].equals("WINDOWS") ? " (Windows)" : " (Linux / Unix)") : "");
      Tags t = new Tags()
          .add("description", product[0] + " is installed on the remote host. Nessus was able to determine its"
              + " version and installation path.")
          .add("solution", "n/a")
          .add("synopsis", product[0] + " is installed on the remote host.");
      common(t, name, "local", 0);
      out.add(new NessusPlugin(freshId(), name, product[1], 0, Platform.valueOf(product[2]), ports(product[3]),
          Output.VERSION, product[0], product[4], null, t.sorted(), 0.05 + 0.5 * Math.pow(r.nextDouble(), 2)));
    }

    private void filler() {
      String product = Draw.pick(r, VENDORS) + " " + Draw.pick(r, THINGS);
      String name = product + (r.nextBoolean() ? " Detection" : " Installed");
      Platform platform = Draw.pick(r, List.of(Platform.ANY, Platform.ANY, Platform.WINDOWS, Platform.LINUX));
      Tags t = new Tags()
          .add("description", "The remote host has " + product + " installed. Nessus was able to identify it"
              + " from the software inventory.")
          .add("solution", "n/a")
          .add("synopsis", product + " is installed on the remote host.");
      common(t, name, "local", 0);
      Output output = r.nextInt(3) == 0 ? Output.HOST_TEXT : Output.VERSION;
      List<Port> ports = platform == Platform.WINDOWS ? List.of(Port.CIFS) : List.of(Port.GENERAL);
      String path = "/opt/" + product.toLowerCase(Locale.ROOT).replace(' ', '-');
      out.add(new NessusPlugin(freshId(), name, "Misc.", 0, platform, ports, output, product, path, null,
          t.sorted(), 0.01 + 0.3 * Math.pow(r.nextDouble(), 3)));
    }

    private void windowsRollup() {
      String kb = (r.nextBoolean() ? "50" : "40") + (10000 + r.nextInt(89999));
      int year = 2019 + r.nextInt(6);
      String name = "KB" + kb + ": " + Draw.pick(r, WINDOWS_UPDATES) + " " + Draw.pick(r, MONTHS) + " " + year
          + " Security Update";
      int severity = Draw.weighted(r, new double[] {0, 0, 0.05, 0.55, 0.4});
      int cveCount = Draw.skewed(r, 8, 150);
      Tags t = new Tags()
          .add("description", "The remote Windows host is missing security update " + kb + ". It is, therefore,"
              + " affected by multiple vulnerabilities :\n\n" + Prose.flaws(r, "Microsoft Windows", 2 + r.nextInt(5)))
          .add("solution", "Apply Security Update " + kb)
          .add("synopsis", "The remote Windows host is affected by multiple vulnerabilities.")
          .add("see_also", "https://support.microsoft.com/help/" + kb)
          .add("xref", "MSKB:" + kb)
          .add("xref", "MSFT:MS" + (year % 100) + "-" + kb);
      cves(t, cveCount);
      vulnerability(t, severity, cveCount);
      common(t, name, "local", severity);
      out.add(new NessusPlugin(freshId(), name, "Windows : Microsoft Bulletins", severity, Platform.WINDOWS,
          List.of(Port.CIFS), Output.KB, kb, null, null, t.sorted(), 0.1 + Math.pow(r.nextDouble(), 2)));
    }

    private void distributionAdvisory() {
      String pkg = Draw.pick(r, PACKAGES);
      double d = r.nextDouble();
      Platform distro = d < 0.45 ? Platform.UBUNTU : d < 0.8 ? Platform.RHEL : Platform.DEBIAN;
      String advisory;
      String name;
      String family;
      String label;
      switch (distro) {
        case UBUNTU:
          advisory = "USN-" + (4000 + r.nextInt(2700)) + "-" + (1 + r.nextInt(3));
          name = "Ubuntu 20.04 LTS / 22.04 LTS : " + pkg + " vulnerabilities (" + advisory + ")";
          family = "Ubuntu Local Security Checks";
          label = "Ubuntu";
          break;
        case RHEL:
          advisory = "RHSA-" + (2019 + r.nextInt(6)) + ":" + (1000 + r.nextInt(9000));
          name = "RHEL 8 / 9 : " + pkg + " (" + advisory + ")";
          family = "Red Hat Local Security Checks";
          label = "Red Hat";
          break;
        default:
          advisory = "DSA-" + (4500 + r.nextInt(1200)) + "-1";
          name = "Debian " + advisory + " : " + pkg + " - security update";
          family = "Debian Local Security Checks";
          label = "Debian";
      }
      int severity = Draw.weighted(r, new double[] {0, 0.1, 0.45, 0.35, 0.1});
      int cveCount = Draw.skewed(r, 1, 40);
      Tags t = new Tags()
          .add("description", "The remote " + label + " host has packages installed that are affected by multiple"
              + " vulnerabilities as referenced in the " + advisory + " advisory.\n\n"
              + Prose.flaws(r, pkg, 1 + Draw.skewed(r, 0, 6)) + "\n\n" + Prose.SELF_REPORTED)
          .add("solution", "Update the affected " + pkg + " packages.")
          .add("synopsis", "The remote " + label + " host is missing one or more security updates.")
          .add("see_also", "https://security-tracker.example.org/" + advisory)
          .add("xref", advisory.substring(0, advisory.indexOf('-')) + ":" + advisory.substring(advisory.indexOf('-') + 1));
      cves(t, cveCount);
      vulnerability(t, severity, cveCount);
      common(t, name, "local", severity);
      out.add(new NessusPlugin(freshId(), name, family, severity, distro, List.of(Port.GENERAL), Output.PACKAGES,
          pkg, null, null, t.sorted(), 0.05 + Math.pow(r.nextDouble(), 2)));
    }

    private void applicationVersion() {
      String[] product = Draw.pick(r, PRODUCTS).split("\\|");
      String fixed = Prose.version(r);
      int severity = Draw.weighted(r, new double[] {0, 0.1, 0.35, 0.35, 0.2});
      boolean many = r.nextInt(3) > 0;
      int cveCount = many ? Draw.skewed(r, 2, 30) : 1;
      String name = product[0] + " < " + fixed + (many ? " Multiple Vulnerabilities" : " " + Draw.pick(r, ISSUES)
          + " Vulnerability");
      Tags t = new Tags()
          .add("description", "The version of " + product[0] + " installed on the remote host is prior to " + fixed
              + ". It is, therefore, affected by " + (many ? "multiple vulnerabilities" : "a vulnerability")
              + " as referenced in the vendor advisory.\n\n" + Prose.flaws(r, product[0], many ? 2 + r.nextInt(6) : 1)
              + "\n\n" + Prose.SELF_REPORTED)
          .add("solution", "Upgrade to " + product[0] + " version " + fixed + " or later.")
          .add("synopsis", "The remote host has an application installed that is affected by "
              + (many ? "multiple vulnerabilities." : "a vulnerability."))
          .add("see_also", "https://www.example.org/security/" + product[0].toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "-") + "/" + fixed);
      cves(t, cveCount);
      vulnerability(t, severity, cveCount);
      common(t, name, product[4].equals("/") ? "remote" : "local", severity);
      out.add(new NessusPlugin(freshId(), name, product[1], severity, Platform.valueOf(product[2]), ports(product[3]),
          Output.VERSION, product[0], product[4], fixed, t.sorted(), 0.05 + Math.pow(r.nextDouble(), 2)));
    }

    private void cves(Tags t, int count) {
      Set<String> seen = new HashSet<>();
      while (seen.size() < count) {
        String cve = Prose.cve(r);
        if (seen.add(cve)) {
          t.add("cve", cve);
        }
      }
    }

    /** Scores, exploitability and dates of a plugin that reports a weakness. */
    private void vulnerability(Tags t, int severity, int cveCount) {
      if (severity > 0) {
        if (r.nextDouble() < 0.9) {
          String[] v2 = Draw.pick(r, Arrays.asList(CVSS2[severity]));
          t.add("cvss_vector", v2[0]).add("cvss_base_score", v2[1]);
        }
        if (r.nextDouble() < 0.85) {
          String[] v3 = Draw.pick(r, Arrays.asList(CVSS3[severity]));
          t.add("cvss3_vector", v3[0]).add("cvss3_base_score", v3[1]);
        }
        boolean exploit = r.nextInt(4) == 0;
        t.add("exploit_available", String.valueOf(exploit))
            .add("exploitability_ease", exploit ? "Exploits are available" : "No known exploits are available")
            .add("vuln_publication_date", Prose.date(r, 2015, 2023))
            .add("patch_publication_date", Prose.date(r, 2016, 2024));
        if (cveCount > 0) {
          t.add("vpr_score", String.format(Locale.ROOT, "%.1f", 1 + r.nextDouble() * 8.9))
              .add("age_of_vuln", Draw.pick(r, List.of("0 - 7 days", "30 - 60 days", "60 - 180 days",
                  "365 - 730 days", "730 days +")));
        }
        if (r.nextInt(10) < 4) {
          t.add("xref", "CWE:" + Draw.pick(r, CWES));
        }
        if (r.nextInt(10) < 3) {
          t.add("xref", "IAVA:" + (2018 + r.nextInt(7)) + "-A-" + String.format("%04d", r.nextInt(600)) + "-S");
        }
      }
    }

    /** Elements every plugin has. */
    private void common(Tags t, String name, String type, int severity) {
      t.add("agent", "all")
          .add("fname", name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
              .replaceAll("^_|_$", "") + (r.nextBoolean() ? ".nasl" : ".nbin"))
          .add("plugin_modification_date", Prose.date(r, 2022, 2024))
          .add("plugin_name", name)
          .add("plugin_publication_date", Prose.date(r, 2004, 2022))
          .add("plugin_type", type)
          .add("risk_factor", RISK_FACTORS.get(severity))
          .add("script_version", "1." + (1 + r.nextInt(400)));
    }

    private static List<Port> ports(String spec) {
      return Arrays.stream(spec.split(",")).map(Port::of).toList();
    }
  }

  /** The child elements of a plugin's items, collected in any order and written sorted. */
  private static final class Tags {
    private final List<Tag> tags = new ArrayList<>();

    Tags add(String element, String text) {
      tags.add(new Tag(element, text));
      return this;
    }


    List<Tag> sorted() {
      List<Tag> out = new ArrayList<>(tags);
      out.sort(Comparator.comparing(Tag::element)); // stable: repeated cve/xref keep their order
      return out;
    }
  }
}
