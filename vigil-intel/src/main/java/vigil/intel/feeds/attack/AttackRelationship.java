package vigil.intel.feeds.attack;

import java.util.Objects;

/**
 * A STIX relationship of the bundle ("uses", "mitigates", "subtechnique-of", "revoked-by", …)
 * between two STIX ids; techniques resolve through {@link AttackTechnique#stixId()}.
 */
public record AttackRelationship(String type, String sourceRef, String targetRef) {

  public AttackRelationship {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sourceRef, "sourceRef");
    Objects.requireNonNull(targetRef, "targetRef");
  }
}
