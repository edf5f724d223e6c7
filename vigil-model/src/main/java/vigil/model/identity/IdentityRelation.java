package vigil.model.identity;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A relation between two directory objects, named as BloodHound names its edges. Every relation
 * reads "source has this over target": a member is MemberOf its group, a computer HasSession of a
 * user, a principal holds GenericAll on an object.
 */
public enum IdentityRelation {
  MEMBER_OF("MemberOf"),
  HAS_SESSION("HasSession"),
  ADMIN_TO("AdminTo"),
  CAN_RDP("CanRDP"),
  CAN_PS_REMOTE("CanPSRemote"),
  EXECUTE_DCOM("ExecuteDCOM"),
  ALLOWED_TO_DELEGATE("AllowedToDelegate"),
  ALLOWED_TO_ACT("AllowedToAct"),
  HAS_SID_HISTORY("HasSIDHistory"),
  GENERIC_ALL("GenericAll"),
  GENERIC_WRITE("GenericWrite"),
  WRITE_DACL("WriteDacl"),
  WRITE_OWNER("WriteOwner"),
  OWNS("Owns"),
  OWNS_LIMITED_RIGHTS("OwnsLimitedRights"),
  WRITE_OWNER_LIMITED_RIGHTS("WriteOwnerLimitedRights"),
  ALL_EXTENDED_RIGHTS("AllExtendedRights"),
  FORCE_CHANGE_PASSWORD("ForceChangePassword"),
  ADD_MEMBER("AddMember"),
  ADD_SELF("AddSelf"),
  ADD_ALLOWED_TO_ACT("AddAllowedToAct"),
  ADD_KEY_CREDENTIAL_LINK("AddKeyCredentialLink"),
  WRITE_SPN("WriteSPN"),
  WRITE_ACCOUNT_RESTRICTIONS("WriteAccountRestrictions"),
  READ_LAPS_PASSWORD("ReadLAPSPassword"),
  READ_GMSA_PASSWORD("ReadGMSAPassword"),
  SYNC_LAPS_PASSWORD("SyncLAPSPassword"),
  GET_CHANGES("GetChanges"),
  GET_CHANGES_ALL("GetChangesAll"),
  GET_CHANGES_IN_FILTERED_SET("GetChangesInFilteredSet"),
  WRITE_GP_LINK("WriteGPLink");

  private static final Map<String, IdentityRelation> BY_NAME = new HashMap<>();

  static {
    for (IdentityRelation r : values()) {
      BY_NAME.put(r.bloodHoundName.toLowerCase(Locale.ROOT), r);
      BY_NAME.put(r.name().toLowerCase(Locale.ROOT), r);
    }
  }

  private final String bloodHoundName;

  IdentityRelation(String bloodHoundName) {
    this.bloodHoundName = bloodHoundName;
  }

  /** The edge name BloodHound uses ("GenericAll"), also the form in rules, the CLI and JSON. */
  public String bloodHoundName() {
    return bloodHoundName;
  }

  /** The relation named {@code name} (BloodHound's or this enum's spelling, any case), or {@code null}. */
  public static IdentityRelation fromName(String name) {
    return name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
  }
}
