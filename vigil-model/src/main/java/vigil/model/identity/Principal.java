package vigil.model.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A directory object that can hold or be the target of rights: a user, group, computer or domain.
 *
 * @param id the object identifier, a SID for security principals ("S-1-5-21-…-1105"), a GUID for
 *     OUs and GPOs; well-known SIDs are prefixed by the domain as SharpHound writes them
 *     ("TESTLAB.LOCAL-S-1-5-32-544")
 * @param name "ALICE@TESTLAB.LOCAL", "WIN10.TESTLAB.LOCAL", or the id when the collector gave none
 * @param domainId the SID of the principal's domain, or {@code null} when unknown
 * @param attributes collector properties kept for rules and display ("operatingsystem", "isdc",
 *     "unconstraineddelegation", "admincount", …), lower-case keys
 */
public record Principal(
    String id, PrincipalKind kind, String name, String domainId, boolean enabled, Map<String, String> attributes) {

  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("principal without an id");
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public static Principal of(String id, PrincipalKind kind, String name, String domainId) {
    return new Principal(id, kind, name, domainId, true, Map.of());
  }

  /** True when the attribute is present and "true" (case-insensitive). */
  public boolean flag(String attribute) {
    return Boolean.parseBoolean(attributes.get(attribute));
  }
}
