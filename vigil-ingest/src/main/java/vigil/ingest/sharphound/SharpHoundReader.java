package vigil.ingest.sharphound;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.json.JsonStream;
import vigil.model.identity.DomainTrust;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.IdentitySink;
import vigil.model.identity.Principal;
import vigil.model.identity.PrincipalKind;

/**
 * Reads one SharpHound JSON file ({@code {"data": [...], "meta": {"type": "computers", "count": n,
 * "version": 6}}}) into identity facts, one object of {@code data} at a time.
 *
 * <p>Collectors write {@code meta} after {@code data}, so the file is read twice: a first pass
 * skips the data, reads {@code meta} and checks the whole file is well-formed (a refused file
 * pushes nothing); the second streams the objects. {@code meta.count} is reported but never used:
 * some versions write 0 while {@code data} holds objects.
 *
 * <p>What becomes an edge (source → target, BloodHound's direction): every ACE (principal →
 * object, by right name), group members (member → group, MemberOf), primary groups, sessions of all
 * three collection methods (computer → user, HasSession), local group members (member → computer:
 * Administrators AdminTo, Remote Desktop Users CanRDP, Distributed COM Users ExecuteDCOM, Remote
 * Management Users CanPSRemote; v6 {@code LocalGroups} by well-known RID, and the legacy {@code
 * LocalAdmins}-style blocks), delegation ({@code AllowedToDelegate}, {@code AllowedToAct}) and SID
 * history. ACE rights the attack graph does not know are counted as "unknown_rights", not refused.
 */
public final class SharpHoundReader {
  private static final Set<String> TYPES =
      Set.of("users", "groups", "computers", "domains", "gpos", "ous", "containers");
  /** Properties kept as principal attributes (the rest is display detail the graph does not use). */
  private static final Set<String> KEPT_PROPERTIES = Set.of("domain", "distinguishedname", "operatingsystem",
      "unconstraineddelegation", "trustedtoauth", "haslaps", "admincount", "hasspn", "dontreqpreauth",
      "pwdneverexpires", "highvalue", "isaclprotected", "samaccountname", "functionallevel", "sensitive");
  private static final String SHAPE =
      "a SharpHound file: a JSON object with data (array of objects) and meta (type, count, version)";

  /** True when the head of a file looks like SharpHound output. Cheap; never throws. */
  public static boolean sniff(Head head) {
    return head.firstChar() == '{' && head.hasJsonName("meta") && head.hasJsonName("data")
        && head.hasJsonName("ObjectIdentifier");
  }

  /** Reads a whole file, pushing principals, edges and trusts into the sink. */
  public SharpHoundFile read(ScanFile file, IdentitySink sink) throws ParseException, IOException {
    Meta meta = readMeta(file);
    Counts counts = new Counts();
    int objects = 0;
    try (JsonStream s = JsonStream.open(file)) {
      s.next();
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        s.next();
        if (!name.equals("data")) {
          s.skip();
          continue;
        }
        while (s.next() == JsonToken.START_OBJECT) { // every element an object: checked by the first pass
          JsonNode o = s.readTree();
          String id = JsonStream.text(o, "ObjectIdentifier");
          if (id == null) {
            throw s.error("expected ObjectIdentifier in data[" + objects + "] of a " + meta.type + " file");
          }
          new ObjectReader(meta.kind, id, o, sink, counts).read();
          objects++;
        }
      }
      s.finish();
    }
    return new SharpHoundFile(meta.type, meta.version, meta.count, objects, counts.map);
  }

  private static Meta readMeta(ScanFile file) throws ParseException, IOException {
    JsonNode meta = null;
    boolean data = false;
    try (JsonStream s = JsonStream.open(file)) {
      if (s.next() != JsonToken.START_OBJECT) {
        throw s.error("expected " + SHAPE);
      }
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        JsonToken value = s.next();
        if (name.equals("meta")) {
          meta = s.readTree();
        } else if (name.equals("data")) {
          if (value != JsonToken.START_ARRAY) {
            throw s.error("expected data to be an array of objects");
          }
          while (s.next() != JsonToken.END_ARRAY) {
            if (s.current() != JsonToken.START_OBJECT) {
              throw s.error("expected data to hold objects, found " + s.current());
            }
            s.skip();
          }
          data = true;
        } else {
          s.skip();
        }
      }
      s.finish();
      if (meta == null || !data) {
        throw s.error("expected " + SHAPE + "; " + (meta == null ? "meta" : "data") + " is missing");
      }
      String type = JsonStream.text(meta, "type");
      if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
        throw s.error("expected meta.type to be one of " + TYPES + ", found " + type);
      }
      type = type.toLowerCase(Locale.ROOT);
      return new Meta(type, PrincipalKind.fromBloodHound(type), meta.path("version").asInt(0),
          meta.path("count").asInt(0));
    }
  }

  private record Meta(String type, PrincipalKind kind, int version, int count) {}

  private static final class Counts {
    final Map<String, Integer> map = new LinkedHashMap<>();

    void add(String name, int n) {
      if (n > 0) {
        map.merge(name, n, Integer::sum);
      }
    }
  }

  /** Turns one object of {@code data} into facts. */
  private static final class ObjectReader {
    private final PrincipalKind kind;
    private final String id;
    private final JsonNode o;
    private final IdentitySink sink;
    private final Counts counts;

    ObjectReader(PrincipalKind kind, String id, JsonNode o, IdentitySink sink, Counts counts) {
      this.kind = kind;
      this.id = id;
      this.o = o;
      this.sink = sink;
      this.counts = counts;
    }

    void read() {
      JsonNode props = o.path("Properties");
      Map<String, String> attributes = new LinkedHashMap<>();
      for (String key : KEPT_PROPERTIES) {
        JsonNode v = props.get(key);
        if (v != null && !v.isNull() && !v.isContainer()) {
          attributes.put(key, v.asString());
        }
      }
      JsonNode spns = props.get("serviceprincipalnames");
      if (spns != null && spns.isArray() && !spns.isEmpty()) {
        attributes.putIfAbsent("hasspn", "true");
      }
      if (o.path("IsDC").asBoolean(false)) {
        attributes.put("isdc", "true");
        counts.add("domain_controllers", 1);
      }
      if (o.path("UnconstrainedDelegation").asBoolean(false)) {
        attributes.put("unconstraineddelegation", "true");
      }
      if ("true".equals(attributes.get("unconstraineddelegation"))) {
        counts.add("unconstrained_delegation", 1);
      }
      String domainId = kind == PrincipalKind.DOMAIN ? id : firstText("DomainSID", props, "domainsid");
      String name = JsonStream.text(props, "name");
      boolean enabled = props.path("enabled").asBoolean(true);
      sink.principal(new Principal(id, kind, name == null ? id : name, domainId, enabled, attributes));

      aces();
      String primaryGroup = JsonStream.text(o, "PrimaryGroupSID");
      if (primaryGroup != null) {
        sink.edge(IdentityEdge.of(id, IdentityRelation.MEMBER_OF, primaryGroup));
      }
      outgoing("AllowedToDelegate", IdentityRelation.ALLOWED_TO_DELEGATE);
      outgoing("HasSIDHistory", IdentityRelation.HAS_SID_HISTORY);
      incoming(o.get("AllowedToAct"), IdentityRelation.ALLOWED_TO_ACT);
      switch (kind) {
        case GROUP -> members();
        case COMPUTER -> computer();
        case DOMAIN -> domain();
        default -> { }
      }
    }

    private String firstText(String topLevel, JsonNode props, String property) {
      String v = JsonStream.text(o, topLevel);
      return v != null ? v : JsonStream.text(props, property);
    }

    private void aces() {
      JsonNode aces = o.get("Aces");
      if (aces == null || !aces.isArray()) {
        return;
      }
      for (JsonNode ace : aces) {
        counts.add("aces", 1);
        String principal = JsonStream.text(ace, "PrincipalSID");
        IdentityRelation right = IdentityRelation.fromName(JsonStream.text(ace, "RightName"));
        if (principal == null || right == null) {
          counts.add("unknown_rights", 1);
          continue;
        }
        sink.edge(new IdentityEdge(principal, right, id, ace.path("IsInherited").asBoolean(false)));
      }
    }

    private void members() {
      JsonNode members = o.get("Members");
      if (members == null || !members.isArray()) {
        return;
      }
      for (JsonNode m : members) {
        String member = JsonStream.text(m, "ObjectIdentifier");
        if (member != null) {
          counts.add("members", 1);
          sink.edge(IdentityEdge.of(member, IdentityRelation.MEMBER_OF, id));
        }
      }
    }

    private void computer() {
      sessions("Sessions", "sessions");
      sessions("PrivilegedSessions", "privileged_sessions");
      sessions("RegistrySessions", "registry_sessions");
      JsonNode localGroups = o.get("LocalGroups");
      if (localGroups != null && localGroups.isArray()) {
        for (JsonNode group : localGroups) {
          counts.add("local_groups", 1);
          IdentityRelation relation = localGroupRelation(JsonStream.text(group, "ObjectIdentifier"));
          if (relation != null) {
            incoming(group.get("Results"), relation);
          }
        }
      }
      incoming(o.path("LocalAdmins").get("Results"), IdentityRelation.ADMIN_TO);
      incoming(o.path("RemoteDesktopUsers").get("Results"), IdentityRelation.CAN_RDP);
      incoming(o.path("DcomUsers").get("Results"), IdentityRelation.EXECUTE_DCOM);
      incoming(o.path("PSRemoteUsers").get("Results"), IdentityRelation.CAN_PS_REMOTE);
    }

    /** Local groups by well-known RID, as BloodHound does: their names are localised. */
    private static IdentityRelation localGroupRelation(String groupId) {
      if (groupId == null) {
        return null;
      }
      String rid = groupId.substring(groupId.lastIndexOf('-') + 1);
      return switch (rid) {
        case "544" -> IdentityRelation.ADMIN_TO;
        case "555" -> IdentityRelation.CAN_RDP;
        case "562" -> IdentityRelation.EXECUTE_DCOM;
        case "580" -> IdentityRelation.CAN_PS_REMOTE;
        default -> null;
      };
    }

    private void sessions(String block, String countName) {
      JsonNode results = o.path(block).get("Results");
      if (results == null || !results.isArray()) {
        return;
      }
      for (JsonNode r : results) {
        String user = JsonStream.text(r, "UserSID");
        if (user != null) {
          counts.add(countName, 1);
          String computer = JsonStream.text(r, "ComputerSID");
          sink.edge(IdentityEdge.of(computer == null ? id : computer, IdentityRelation.HAS_SESSION, user));
        }
      }
    }

    private void domain() {
      JsonNode trusts = o.get("Trusts");
      if (trusts != null && trusts.isArray()) {
        for (JsonNode t : trusts) {
          String target = JsonStream.text(t, "TargetDomainSid");
          if (target == null) {
            continue;
          }
          counts.add("trusts", 1);
          sink.trust(new DomainTrust(id, target, JsonStream.text(t, "TargetDomainName"),
              JsonStream.text(t, "TrustDirection"), JsonStream.text(t, "TrustType"),
              t.path("IsTransitive").asBoolean(false), t.path("SidFilteringEnabled").asBoolean(false)));
        }
      }
      JsonNode links = o.get("Links");
      counts.add("gpo_links", links != null && links.isArray() ? links.size() : 0);
    }

    /** Edges from this object to each object listed in {@code field}. */
    private void outgoing(String field, IdentityRelation relation) {
      JsonNode list = o.get(field);
      if (list == null || !list.isArray()) {
        return;
      }
      for (JsonNode t : list) {
        String target = t.isContainer() ? JsonStream.text(t, "ObjectIdentifier") : JsonStream.text(t);
        if (target != null) {
          sink.edge(IdentityEdge.of(id, relation, target));
        }
      }
    }

    /** Edges from each object listed to this object. */
    private void incoming(JsonNode list, IdentityRelation relation) {
      if (list == null || !list.isArray()) {
        return;
      }
      for (JsonNode s : list) {
        String source = s.isContainer() ? JsonStream.text(s, "ObjectIdentifier") : JsonStream.text(s);
        if (source != null) {
          sink.edge(IdentityEdge.of(source, relation, id));
        }
      }
    }
  }
}
