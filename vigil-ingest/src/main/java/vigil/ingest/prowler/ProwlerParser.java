package vigil.ingest.prowler;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/**
 * Prowler JSON: the v3 native array ({@code CheckID}, {@code Status}, {@code ResourceArn}) and the
 * OCSF Detection Finding array of v4/v5 ({@code finding_info}, {@code status_code}, {@code
 * resources[]}), for any provider. Records are read one at a time.
 *
 * <p>Each record is one check on one resource. FAIL is an observation of a misconfiguration on the
 * CLOUD_RESOURCE; PASS (and any other status) only marks the resource covered, so that a later
 * scan in which a check passes closes the exposure an earlier failure opened. MANUAL, which Prowler
 * gives to controls it cannot evaluate, is kept as an observation, as DefectDojo does, so that the
 * control is not silently dropped; but it is rated INFO, with Prowler's severity kept as the tool
 * severity, because nobody has seen it fail and it must not rank with confirmed failures.
 */
public final class ProwlerParser implements ScanParser {
  private static final Pattern PROWLER_PRODUCT = Pattern.compile("\"(?:name|uid|vendor_name)\"\\s*:\\s*\"[Pp]rowler\"");

  @Override
  public String format() {
    return "prowler";
  }

  @Override
  public String tool() {
    return "Prowler";
  }

  @Override
  public boolean sniff(Head head) {
    if (head.firstChar() != '[') {
      return false;
    }
    boolean v3 = head.hasJsonName("CheckID") && head.hasJsonName("FindingUniqueId");
    boolean ocsf = head.hasJsonName("finding_info") && head.hasJsonName("event_code")
        && PROWLER_PRODUCT.matcher(head.text()).find();
    return v3 || ocsf;
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (JsonStream json = JsonStream.open(file)) {
      if (json.next() != JsonToken.START_ARRAY) {
        throw json.error("expected a JSON array of Prowler findings (v3 JSON or OCSF)");
      }
      int index = 0;
      while (json.next() != JsonToken.END_ARRAY) {
        if (json.current() != JsonToken.START_OBJECT) {
          throw json.error("finding " + index + " is not a JSON object");
        }
        JsonNode record = json.readTree();
        if (record.has("CheckID")) {
          readV3(json, record, index, sink);
        } else if (record.has("finding_info") || record.has("status_code")) {
          readOcsf(json, record, index, sink);
        } else {
          throw json.error("finding " + index + " is neither a Prowler v3 record (CheckID) nor an OCSF finding (finding_info)");
        }
        index++;
      }
      json.finish();
    }
  }

  private static void readV3(JsonStream json, JsonNode r, int index, ObservationSink sink) throws ParseException {
    String provider = JsonStream.text(r, "Provider");
    String account = JsonStream.text(r, "AccountId");
    String region = JsonStream.text(r, "Region");
    String resourceId = JsonStream.text(r, "ResourceId");
    String arn = JsonStream.text(r, "ResourceArn");
    if (arn == null && resourceId == null) {
      throw json.error("finding " + index + " has neither ResourceArn nor ResourceId");
    }
    AssetRef asset = AssetRef.builder(AssetKind.CLOUD_RESOURCE)
        .name(resourceId != null ? resourceId : arn)
        .key(AssetKey.Type.CLOUD_ID, arn != null ? arn : cloudId(provider, account, region, resourceId))
        .attribute("provider", provider)
        .attribute("account", account)
        .attribute("region", region)
        .attribute("service", JsonStream.text(r, "ServiceName"))
        .attribute("resource-type", JsonStream.text(r, "ResourceType"))
        .attribute("resource-id", resourceId)
        .build();
    Check check = new Check();
    check.status = JsonStream.text(r, "Status");
    check.id = JsonStream.text(r, "CheckID");
    check.title = JsonStream.text(r, "CheckTitle");
    check.severity = JsonStream.text(r, "Severity");
    check.description = join(JsonStream.text(r, "Description"), JsonStream.text(r, "Risk"));
    check.solution = join(join(JsonStream.text(r, "Remediation", "Recommendation", "Text"),
        JsonStream.text(r, "Remediation", "Recommendation", "Url")), JsonStream.text(r, "RelatedUrl"));
    check.detail = JsonStream.text(r, "StatusExtended");
    check.findingId = JsonStream.text(r, "FindingUniqueId");
    check.seen = Texts.instant(JsonStream.text(r, "AssessmentStartTime"));
    check.rate(json, index);
    check.report(asset, sink);
  }

  private static void readOcsf(JsonStream json, JsonNode r, int index, ObservationSink sink) throws ParseException {
    String provider = JsonStream.text(r, "cloud", "provider");
    String account = JsonStream.text(r, "cloud", "account", "uid");
    Check check = new Check();
    check.status = JsonStream.text(r, "status_code");
    check.id = JsonStream.text(r, "metadata", "event_code");
    check.title = JsonStream.text(r, "finding_info", "title");
    check.severity = JsonStream.text(r, "severity");
    check.description = join(JsonStream.text(r, "finding_info", "desc"), JsonStream.text(r, "risk_details"));
    List<String> fix = new ArrayList<>();
    fix.add(JsonStream.text(r, "remediation", "desc"));
    fix.addAll(JsonStream.texts(r.path("remediation").path("references")));
    check.solution = fix.stream().filter(Objects::nonNull).reduce(ProwlerParser::join).orElse(null);
    check.detail = JsonStream.text(r, "status_detail") != null ? JsonStream.text(r, "status_detail") : JsonStream.text(r, "message");
    check.findingId = JsonStream.text(r, "finding_info", "uid");
    String epoch = JsonStream.text(r, "time");
    check.seen = epoch != null ? Texts.instant(epoch) : Texts.instant(JsonStream.text(r, "time_dt"));
    if (check.status == null) {
      throw json.error("OCSF finding " + index + " has no status_code");
    }
    check.rate(json, index);
    JsonNode resources = r.path("resources");
    if (!resources.isArray() || resources.isEmpty()) {
      if (account == null) {
        throw json.error("OCSF finding " + index + " names neither a resource nor a cloud account");
      }
      // A finding about the account itself may name no resource: it sits on the account.
      check.report(resource(provider, account, JsonStream.text(r, "cloud", "region"), account, account, null), sink);
      return;
    }
    for (JsonNode res : resources) {
      String region = JsonStream.text(res, "region") != null ? JsonStream.text(res, "region") : JsonStream.text(r, "cloud", "region");
      String uid = JsonStream.text(res, "uid");
      String name = JsonStream.text(res, "name");
      if (uid == null && name == null) {
        throw json.error("OCSF finding " + index + " has a resource without uid or name");
      }
      AssetRef asset = resource(provider, account, region, uid != null ? uid : name, name, JsonStream.text(res, "type"));
      check.report(asset, sink);
    }
  }

  private static AssetRef resource(String provider, String account, String region, String uid, String name, String type) {
    return AssetRef.builder(AssetKind.CLOUD_RESOURCE)
        .name(name != null ? name : uid)
        .key(AssetKey.Type.CLOUD_ID, cloudId(provider, account, region, uid))
        .attribute("provider", provider)
        .attribute("account", account)
        .attribute("region", region)
        .attribute("resource-type", type)
        .build();
  }

  /**
   * The resource's id as Prowler gives it when it is unique on its own (an ARN, an Azure resource
   * id, a URL); otherwise, as for an account-level check whose resource is "999999999999" or a bare
   * name like "AppInsights", qualified by provider, account and region so that equal short names
   * in two accounts never merge into one asset.
   */
  static String cloudId(String provider, String account, String region, String uid) {
    if (uid == null) {
      return null;
    }
    if (uid.startsWith("arn:") || uid.startsWith("/") || uid.contains("://")) {
      return uid;
    }
    StringBuilder sb = new StringBuilder();
    for (String part : new String[] {provider, account, region}) {
      if (part != null) {
        sb.append(part).append('/');
      }
    }
    return sb.append(uid).toString();
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "\n\n" + b;
  }

  /** One check's outcome, reported on each resource it names. */
  private static final class Check {
    String status;
    String id;
    String title;
    String severity;
    String description;
    String solution;
    String detail;
    String findingId;
    Instant seen;
    Severity rated;

    void rate(JsonStream json, int index) throws ParseException {
      rated = Severity.fromWord(severity);
      if (rated == null) {
        throw json.error("finding " + index + " (" + id + "): unknown severity '" + severity + "'");
      }
    }

    void report(AssetRef asset, ObservationSink sink) {
      String s = status == null ? "" : status.toUpperCase(Locale.ROOT);
      if (s.equals("FAIL")) {
        sink.observation(observation(asset, rated, severity));
      } else if (s.equals("MANUAL")) {
        sink.observation(observation(asset, Severity.INFO, (severity == null ? "" : severity + " ") + "(MANUAL)"));
      } else {
        sink.covered(asset);
      }
    }

    private Observation observation(AssetRef asset, Severity rated, String toolSeverity) {
      String check = id != null ? id : "unknown";
      Weakness weakness = new Weakness(WeaknessKind.MISCONFIGURATION, "prowler:" + check,
          title != null ? title : check, List.of(), List.of());
      StringBuilder evidence = new StringBuilder();
      evidence.append(status);
      if (detail != null) {
        evidence.append(": ").append(detail);
      }
      if (findingId != null) {
        evidence.append("\nfinding: ").append(findingId);
      }
      return new Observation(asset, weakness, Location.NONE, rated, toolSeverity, Cvss.NONE, description, solution,
          evidence.toString(), seen);
    }
  }
}
