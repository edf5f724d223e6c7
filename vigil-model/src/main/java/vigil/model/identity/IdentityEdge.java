package vigil.model.identity;

import java.util.Objects;

/**
 * One relation between two directory objects: {@code source} has {@code relation} over {@code
 * target}, both named by object id.
 *
 * @param inherited for ACL rights, whether the ACE was inherited from a container (fixing it means
 *     fixing the container)
 */
public record IdentityEdge(String source, IdentityRelation relation, String target, boolean inherited) {

  public IdentityEdge {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(target, "target");
  }

  public static IdentityEdge of(String source, IdentityRelation relation, String target) {
    return new IdentityEdge(source, relation, target, false);
  }

  /** "source|Relation|target": the edge's id in the attack graph, the CLI and JSON. */
  public String id() {
    return source + "|" + relation.bloodHoundName() + "|" + target;
  }
}
