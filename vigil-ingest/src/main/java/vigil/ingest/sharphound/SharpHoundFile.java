package vigil.ingest.sharphound;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one SharpHound file held.
 *
 * @param type the file's {@code meta.type}: "users", "groups", "computers", "domains", …
 * @param declaredCount {@code meta.count}, which collectors write as 0 in some versions although
 *     {@code data} holds objects: never trusted, only reported
 * @param objects the objects actually read from {@code data}
 * @param counts what was read, by name: "aces", "sessions", "privileged_sessions",
 *     "registry_sessions", "local_groups", "members", "trusts", "gpo_links", "domain_controllers",
 *     "unconstrained_delegation", "unknown_rights", …
 */
public record SharpHoundFile(String type, int version, int declaredCount, int objects, Map<String, Integer> counts) {

  public SharpHoundFile {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** A count by name, 0 when nothing of that name was read. */
  public int count(String name) {
    return counts.getOrDefault(name, 0);
  }
}
