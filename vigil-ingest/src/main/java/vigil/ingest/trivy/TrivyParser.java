package vigil.ingest.trivy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;

/**
 * Aqua Trivy JSON: SchemaVersion 2 reports, the legacy top-level array and {@code trivy k8s}
 * cluster reports. One observation per vulnerability (per package), per failed misconfiguration
 * check and per secret; a secret's matched text is never kept.
 *
 * <p>Two passes over the file: the first ({@link TrivyReport}) reads the artifact and cluster
 * names, skipping the results, and checks the whole file is well-formed; the second streams the
 * records one at a time. JSON does not fix the order of keys, and this way a refused file has
 * pushed nothing.
 */
public final class TrivyParser implements ScanParser {
  private static final Pattern LEGACY_HEAD = Pattern.compile("\\A\\s*\\[\\s*\\{\\s*\"Target\"\\s*:");

  @Override
  public String format() {
    return "trivy";
  }

  @Override
  public String tool() {
    return "Trivy";
  }

  @Override
  public boolean sniff(Head head) {
    if (!head.isJson()) {
      return false;
    }
    if (head.firstChar() == '[') {
      return LEGACY_HEAD.matcher(head.text()).find()
          && (head.hasJsonName("Vulnerabilities") || head.hasJsonName("Misconfigurations")
              || head.hasJsonName("Secrets"));
    }
    return (head.hasJsonName("SchemaVersion") && (head.hasJsonName("ArtifactName") || head.hasJsonName("Results")))
        || (head.hasJsonName("ClusterName")
            && (head.hasJsonName("Resources") || head.hasJsonName("Vulnerabilities")
                || head.hasJsonName("Misconfigurations")));
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    TrivyReport report = TrivyReport.read(file);
    try (JsonStream s = JsonStream.open(file)) {
      s.next();
      Reader reader = new Reader(s, report, sink);
      switch (report.shape) {
        case LEGACY:
          reader.legacy(report.artifactAsset(file));
          break;
        case ARTIFACT:
          reader.artifact(report.artifactAsset(file));
          break;
        case KUBERNETES:
          reader.cluster();
          break;
        default:
          throw new IllegalStateException(report.shape.name());
      }
      s.finish();
    }
  }

  /** The second pass, positioned by the first: the file is known to be well-formed. */
  private static final class Reader {
    private final JsonStream s;
    private final TrivyReport report;
    private final ObservationSink sink;

    Reader(JsonStream s, TrivyReport report, ObservationSink sink) {
      this.s = s;
      this.report = report;
      this.sink = sink;
    }

    void legacy(AssetRef asset) throws ParseException {
      sink.covered(asset);
      while (s.next() == JsonToken.START_OBJECT) {
        result(asset, false);
      }
    }

    void artifact(AssetRef asset) throws ParseException {
      sink.covered(asset);
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        s.next();
        if (name.equals("Results") && s.current() == JsonToken.START_ARRAY) {
          results(asset, false);
        } else {
          s.skip();
        }
      }
    }

    /** Old cluster reports list resources under Vulnerabilities and Misconfigurations, newer ones under Resources. */
    void cluster() throws ParseException {
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        s.next();
        boolean resourceList = name.equals("Resources") || name.equals("Vulnerabilities")
            || name.equals("Misconfigurations");
        if (resourceList && s.current() == JsonToken.START_ARRAY) {
          while (s.next() == JsonToken.START_OBJECT) {
            resource();
          }
        } else {
          s.skip();
        }
      }
    }

    private void resource() throws ParseException {
      String namespace = null;
      String kind = null;
      String name = null;
      AssetRef asset = null;
      JsonNode early = null;
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String field = s.name();
        s.next();
        switch (field) {
          case "Namespace":
            namespace = JsonStream.text(s.readTree());
            break;
          case "Kind":
            kind = JsonStream.text(s.readTree());
            break;
          case "Name":
            name = JsonStream.text(s.readTree());
            break;
          case "Results":
            if (s.current() != JsonToken.START_ARRAY) {
              s.skip();
            } else if (kind != null && name != null) {
              asset = report.workloadAsset(namespace, kind, name);
              sink.covered(asset);
              results(asset, true);
            } else {
              early = s.readTree(); // results before the resource's name: rare, one resource's worth
            }
            break;
          default:
            s.skip();
        }
      }
      if (asset == null) {
        asset = report.workloadAsset(namespace, kind, name);
        sink.covered(asset);
      }
      if (early != null) {
        for (JsonNode result : early) {
          resultTree(asset, result);
        }
      }
    }

    private void results(AssetRef asset, boolean inCluster) throws ParseException {
      JsonToken t;
      while ((t = s.next()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.START_OBJECT) {
          result(asset, inCluster);
        } else {
          s.skip();
        }
      }
    }

    /**
     * One result, streamed: Trivy writes Target and Class before the record arrays, so each record
     * is read and pushed on its own. Arrays met before the Target are held until the end.
     */
    private void result(AssetRef asset, boolean inCluster) throws ParseException {
      String target = null;
      String resultClass = null;
      boolean targetSeen = false;
      List<String> earlyNames = new ArrayList<>();
      List<JsonNode> earlyArrays = new ArrayList<>();
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String field = s.name();
        s.next();
        if (field.equals("Target")) {
          target = JsonStream.text(s.readTree());
          targetSeen = true;
        } else if (field.equals("Class")) {
          resultClass = JsonStream.text(s.readTree());
        } else if (!isRecordArray(field) || s.current() != JsonToken.START_ARRAY) {
          s.skip();
        } else if (!targetSeen) {
          earlyNames.add(field);
          earlyArrays.add(s.readTree());
        } else {
          TrivyFindings.Result r = new TrivyFindings.Result(asset, target, resultClass, inCluster, report.createdAt);
          JsonToken t;
          while ((t = s.next()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
              record(r, field, s.readTree());
            } else {
              s.skip();
            }
          }
        }
      }
      TrivyFindings.Result r = new TrivyFindings.Result(asset, target, resultClass, inCluster, report.createdAt);
      for (int i = 0; i < earlyArrays.size(); i++) {
        records(r, earlyNames.get(i), earlyArrays.get(i));
      }
    }

    private void resultTree(AssetRef asset, JsonNode result) throws ParseException {
      TrivyFindings.Result r = new TrivyFindings.Result(asset, JsonStream.text(result, "Target"),
          JsonStream.text(result, "Class"), true, report.createdAt);
      for (String field : new String[] {"Vulnerabilities", "Misconfigurations", "Secrets"}) {
        records(r, field, result.get(field));
      }
    }

    private void records(TrivyFindings.Result r, String field, JsonNode array) throws ParseException {
      if (array == null || !array.isArray()) {
        return;
      }
      for (JsonNode n : array) {
        if (n.isObject()) {
          record(r, field, n);
        }
      }
    }

    private void record(TrivyFindings.Result r, String field, JsonNode n) throws ParseException {
      Observation o;
      switch (field) {
        case "Vulnerabilities":
          o = TrivyFindings.vulnerability(s, r, n);
          break;
        case "Misconfigurations":
          o = TrivyFindings.misconfiguration(s, r, n);
          break;
        default:
          o = TrivyFindings.secret(s, r, n);
      }
      if (o != null) {
        sink.observation(o);
      }
    }

    private static boolean isRecordArray(String field) {
      return field.equals("Vulnerabilities") || field.equals("Misconfigurations") || field.equals("Secrets");
    }
  }
}
