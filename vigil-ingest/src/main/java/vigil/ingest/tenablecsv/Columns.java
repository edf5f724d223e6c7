package vigil.ingest.tenablecsv;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each field sits in a Tenable CSV export. Nessus Pro, Tenable.sc, Tenable.io and Tenable
 * WAS name the same field differently ("Plugin ID" / "Plugin" / "definition.id"), so each field has
 * its aliases, matched against the header without regard to case; the first alias present wins.
 */
final class Columns {

  /** The fields Vigil reads, each with its header names in order of preference. */
  enum Field {
    PLUGIN("plugin id", "plugin", "definition.id", "plugin.id"),
    NAME("name", "plugin name", "definition.name"),
    RISK("risk"),
    SEVERITY("severity", "definition.severity"),
    RISK_FACTOR("risk factor"),
    HOST("host", "asset.host_name", "asset.name", "asset name"),
    IP("ip address", "asset.ipv4_addresses", "asset.display_ipv4_address", "asset.ipv4", "ipv4 address"),
    IPV6("asset.ipv6_addresses", "asset.display_ipv6_address", "ipv6 address"),
    FQDN("dns name", "fqdn", "asset.display_fqdn", "asset.fqdns", "asset.fqdn"),
    NETBIOS("netbios name", "netbios", "asset.netbios_name"),
    MAC("mac address", "asset.mac_address", "asset.mac_addresses"),
    AGENT_ID("agent id", "asset.agent_uuid"),
    HOST_ID("host id", "asset.id", "asset.uuid"),
    OS("os", "operating system", "asset.operating_system"),
    PORT("port", "asset.port"),
    PROTOCOL("protocol"),
    SERVICE("service", "svc_name"),
    CVE("cve", "cves", "definition.cve"),
    CVSS2_SCORE("cvss v2.0 base score", "cvss v2 base score", "cvss base score", "cvss", "definition.cvss2.base_score"),
    CVSS2_VECTOR("cvss v2 vector", "cvss v2.0 vector", "cvss vector", "definition.cvss2.base_vector"),
    CVSS3_SCORE("cvss v3.0 base score", "cvss v3 base score", "cvss3 base score", "cvssv3",
        "definition.cvss3.base_score"),
    CVSS3_VECTOR("cvss v3 vector", "cvss v3.0 vector", "cvss3 vector", "definition.cvss3.base_vector"),
    CVSS4_SCORE("cvss v4.0 base score", "cvss v4 base score", "definition.cvss4.base_score"),
    CVSS4_VECTOR("cvss v4.0 vector", "cvss v4 vector", "definition.cvss4.base_vector"),
    SYNOPSIS("synopsis", "definition.synopsis"),
    DESCRIPTION("description", "definition.description"),
    SOLUTION("solution", "definition.solution"),
    SEE_ALSO("see also", "definition.see_also"),
    OUTPUT("plugin output", "output"),
    FAMILY("family", "plugin family", "definition.family"),
    XREF("xref", "cross references", "definition.xrefs"),
    UNSUPPORTED("unsupported by vendor", "definition.unsupported_by_vendor"),
    STATE("vulnerability state", "state"),
    SEEN("last observed", "last found", "last seen", "last_seen", "host end");

    private final List<String> aliases;

    Field(String... aliases) {
      this.aliases = List.of(aliases);
    }
  }

  private final Map<Field, Integer> index = new EnumMap<>(Field.class);

  private Columns(Map<String, Integer> byName) {
    for (Field f : Field.values()) {
      for (String alias : f.aliases) {
        Integer i = byName.get(alias);
        if (i != null) {
          index.put(f, i);
          break;
        }
      }
    }
  }

  /** Columns from a header row's names. */
  static Columns of(Iterable<String> header) {
    Map<String, Integer> byName = new HashMap<>();
    int i = 0;
    for (String name : header) {
      byName.putIfAbsent(normalise(name), i++);
    }
    return new Columns(byName);
  }

  /** True when the header names a plugin, a title and a severity: the shape of every Tenable export. */
  boolean isTenable() {
    return has(Field.PLUGIN) && has(Field.NAME)
        && (has(Field.RISK) || has(Field.SEVERITY) || has(Field.RISK_FACTOR));
  }

  boolean has(Field f) {
    return index.containsKey(f);
  }

  /** The trimmed value of a field in a row, or {@code null} when the column is absent or blank. */
  String get(List<String> row, Field f) {
    Integer i = index.get(f);
    if (i == null || i >= row.size()) {
      return null;
    }
    String v = row.get(i);
    if (v == null) {
      return null;
    }
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  static String normalise(String headerName) {
    String s = headerName == null ? "" : headerName.trim();
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      s = s.substring(1, s.length() - 1);
    }
    return s.trim().toLowerCase(Locale.ROOT);
  }
}
