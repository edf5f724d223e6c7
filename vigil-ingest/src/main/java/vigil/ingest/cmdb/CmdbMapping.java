package vigil.ingest.cmdb;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import vigil.ingest.ParseException;

/**
 * Which CMDB column (or JSON field) holds which asset fact. Defaults follow a ServiceNow {@code
 * cmdb_ci} / {@code cmdb_ci_server} export; a properties file overrides them, e.g. {@code
 * environment=u_env}, with several candidates separated by commas (the first non-blank wins).
 */
public final class CmdbMapping {
  /** The facts a CMDB row can declare, in the order they are documented. */
  public static final List<String> FIELDS = List.of("name", "fqdn", "ip", "mac", "id", "class", "os", "owner",
      "team", "environment", "criticality", "service", "tags");

  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("name", "name,host_name"),
      Map.entry("fqdn", "fqdn,dns_domain_name"),
      Map.entry("ip", "ip_address,ip"),
      Map.entry("mac", "mac_address"),
      Map.entry("id", "sys_id,object_id"),
      Map.entry("class", "sys_class_name"),
      Map.entry("os", "os,operating_system"),
      Map.entry("owner", "owned_by,managed_by,assigned_to"),
      Map.entry("team", "support_group,assignment_group"),
      Map.entry("environment", "used_for,environment,u_environment"),
      Map.entry("criticality", "business_criticality,u_criticality,criticality"),
      Map.entry("service", "business_service,u_business_service,service"),
      Map.entry("tags", "tags,u_tags"));

  private final Map<String, List<String>> columns;

  private CmdbMapping(Map<String, List<String>> columns) {
    this.columns = columns;
  }

  public static CmdbMapping defaults() {
    return of(Map.of());
  }

  /** The defaults overridden by a properties file; unknown keys are refused with the file named. */
  public static CmdbMapping load(Path file) throws ParseException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new ParseException(file.toString(), "", "cannot read the CMDB mapping: " + e.getMessage());
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!FIELDS.contains(key)) {
        throw new ParseException(file.toString(), "key '" + key + "'", "unknown CMDB field; known: " + FIELDS);
      }
      overrides.put(key, p.getProperty(key));
    }
    return of(overrides);
  }

  static CmdbMapping of(Map<String, String> overrides) {
    Map<String, List<String>> cols = new LinkedHashMap<>();
    for (String f : FIELDS) {
      String spec = overrides.getOrDefault(f, DEFAULTS.get(f));
      cols.put(f, List.of(spec.toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
    }
    return new CmdbMapping(cols);
  }

  /** The value of a fact in a row whose keys are lower-case column names. */
  String value(Map<String, String> row, String field) {
    for (String column : columns.get(field)) {
      String v = row.get(column);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  /**
   * True when a header looks like a CMDB export: an address column (ip, fqdn, mac), or a name
   * column beside a column only CMDBs have (id, class, owner, team, environment, criticality,
   * service). A scanner's CSV has a "Name" column too, for its findings.
   */
  boolean identifies(java.util.Collection<String> header) {
    if (has(header, "ip", "fqdn", "mac")) {
      return true;
    }
    return has(header, "name") && has(header, "id", "class", "owner", "team", "environment", "criticality", "service");
  }

  private boolean has(java.util.Collection<String> header, String... fields) {
    for (String f : fields) {
      for (String c : columns.get(f)) {
        if (header.contains(c)) {
          return true;
        }
      }
    }
    return false;
  }
}
