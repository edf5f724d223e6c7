package vigil.model.identity;

import java.util.Locale;

/** What sort of directory object a principal is. */
public enum PrincipalKind {
  USER,
  GROUP,
  COMPUTER,
  DOMAIN,
  GPO,
  OU,
  CONTAINER,
  /** An object type the collector names but the attack graph has no rule for (cert templates, …). */
  OTHER;

  /** "User", "Computer", "Group", "Domain", "GPO", "OU", "Container" as BloodHound writes them; else OTHER. */
  public static PrincipalKind fromBloodHound(String type) {
    if (type == null) {
      return OTHER;
    }
    switch (type.trim().toLowerCase(Locale.ROOT)) {
      case "user":
      case "users":
        return USER;
      case "group":
      case "groups":
        return GROUP;
      case "computer":
      case "computers":
        return COMPUTER;
      case "domain":
      case "domains":
        return DOMAIN;
      case "gpo":
      case "gpos":
        return GPO;
      case "ou":
      case "ous":
        return OU;
      case "container":
      case "containers":
        return CONTAINER;
      default:
        return OTHER;
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
