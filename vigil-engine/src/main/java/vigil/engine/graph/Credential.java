package vigil.engine.graph;

import java.util.Objects;

/**
 * A credential found somewhere an attacker can read it: a password in a script, a private key, a
 * token in a configuration file.
 *
 * @param hostId where it is stored
 * @param privilege what reading it needs on that host: "user" or "admin"
 * @param principalId the directory identity it authenticates as, or {@code null}
 * @param grantsHostId a host it logs on to (an SSH key), or {@code null}
 */
public record Credential(String id, String hostId, String privilege, String principalId, String grantsHostId) {

  public Credential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hostId, "hostId");
    privilege = privilege == null ? "user" : privilege;
    if (!privilege.equals("user") && !privilege.equals("admin")) {
      throw new IllegalArgumentException("credential " + id + ": privilege must be user or admin, not " + privilege);
    }
    if (principalId == null && grantsHostId == null) {
      throw new IllegalArgumentException("credential " + id + " grants nothing: give a principal or a host");
    }
  }
}
