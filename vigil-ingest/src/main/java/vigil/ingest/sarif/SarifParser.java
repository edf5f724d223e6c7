package vigil.ingest.sarif;

import java.io.IOException;
import tools.jackson.core.JsonToken;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;

/**
 * SARIF 2.1.0 (CodeQL, Flawfinder, dependency-check, Semgrep, and any tool that writes it): one
 * observation per result that reports a problem, on the {@code CODE_REPOSITORY} named by the run's
 * {@code versionControlProvenance}, else by the report's target name.
 *
 * <p>Streaming: each run's {@code results} array is read one result at a time. A result needs its
 * run's rules, which the spec's examples and the tools we know write before the results; a run whose
 * {@code results} come before its {@code tool} (JSON writers that sort keys put "results" before
 * "tool") is not buffered: its results are skipped, and once the run has been read to its end they
 * are read again from a second pass over the file, so memory stays flat in every order.
 *
 * <p>Which results are findings: kind {@code fail} (the default), {@code open} and {@code review}
 * are; {@code pass}, {@code notApplicable} and {@code informational} say the rule found nothing
 * wrong, and {@code baselineState: absent} says the problem is gone, so none of those is an
 * observation. Results the tool marks suppressed are kept, with the suppression in the evidence:
 * acceptance is decided in Vigil, and dropping them would close exposures as fixed.
 *
 * <p>Severity, first source present wins: {@code security-severity} (CodeQL/GitHub, a CVSS-like
 * score) of the result or rule; CVSS scores in the result's properties (dependency-check); a
 * {@code severity} word in the result's properties (dependency-check's RetireJS results); the
 * result's {@code level}, else the rule's default level (error → high, warning → medium, note →
 * low, none → info); the result's or rule's {@code rank} (0–100, read as a score out of 10); else
 * medium, the level SARIF defines as the default.
 */
public final class SarifParser implements ScanParser {

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public String tool() {
    return "SARIF";
  }

  @Override
  public boolean sniff(Head head) {
    return head.firstChar() == '{' && head.hasJsonName("runs")
        && (head.hasJsonName("driver") || head.contains("sarif"));
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (JsonStream json = JsonStream.open(file)) {
      if (json.next() != JsonToken.START_OBJECT) {
        throw json.error("not a SARIF log: expected a JSON object with \"version\" and \"runs\"");
      }
      boolean sawRuns = false;
      while (json.next() == JsonToken.PROPERTY_NAME) {
        String name = json.name();
        JsonToken value = json.next();
        if (name.equals("version")) {
          String version = value.isScalarValue() ? json.readTree().asString() : "";
          if (!version.startsWith("2.1")) {
            throw json.error("SARIF version '" + version + "' is not supported; expected 2.1.0");
          }
        } else if (name.equals("runs")) {
          sawRuns = true;
          readRuns(file, json, sink);
        } else {
          json.skip();
        }
      }
      if (!sawRuns) {
        throw json.error("not a SARIF log: no \"runs\" array");
      }
      json.finish();
    }
  }

  private void readRuns(ScanFile file, JsonStream json, ObservationSink sink) throws ParseException, IOException {
    if (json.current() == JsonToken.VALUE_NULL) {
      return; // the spec's way of saying the tool failed before it could start a run
    }
    if (json.current() != JsonToken.START_ARRAY) {
      throw json.error("\"runs\" must be an array");
    }
    int index = 0;
    for (JsonToken t = json.next(); t != JsonToken.END_ARRAY; t = json.next()) {
      if (t != JsonToken.START_OBJECT) {
        throw json.error(t == null ? "the file ends inside \"runs\"" : "a run must be a JSON object");
      }
      readRun(file, json, index++, sink);
    }
  }

  private void readRun(ScanFile file, JsonStream json, int index, ObservationSink sink)
      throws ParseException, IOException {
    Run run = new Run(file);
    boolean resultsSkipped = false;
    while (json.next() == JsonToken.PROPERTY_NAME) {
      String name = json.name();
      json.next();
      switch (name) {
        case "tool":
          run.tool(json.readTree());
          break;
        case "versionControlProvenance":
          run.provenance(json.readTree());
          break;
        case "originalUriBaseIds":
          run.uriBases(json.readTree());
          break;
        case "artifacts":
          eachElement(json, "artifacts", () -> run.artifact(json.readTree()));
          break;
        case "invocations":
          eachElement(json, "invocations", () -> run.invocation(json.readTree()));
          break;
        case "results":
          if (run.hasTool()) {
            readResults(json, run, sink);
          } else {
            json.skip();
            resultsSkipped = true;
          }
          break;
        default:
          json.skip();
      }
    }
    if (!run.hasTool()) {
      throw json.error("SARIF run " + index + " has no \"tool\"");
    }
    if (resultsSkipped) {
      rereadResults(file, index, run, sink);
    }
    for (AssetRef asset : run.assets()) {
      sink.covered(asset);
    }
  }

  private static void readResults(JsonStream json, Run run, ObservationSink sink) throws ParseException {
    eachElement(json, "results", () -> {
      Observation o = run.observation(json.readTree());
      if (o != null) {
        sink.observation(o);
      }
    });
  }

  /** Second pass for a run whose results came before its tool: straight to runs[index].results. */
  private static void rereadResults(ScanFile file, int index, Run run, ObservationSink sink)
      throws ParseException, IOException {
    try (JsonStream json = JsonStream.open(file)) {
      json.next();
      while (json.next() == JsonToken.PROPERTY_NAME) {
        String name = json.name();
        json.next();
        if (!name.equals("runs")) {
          json.skip();
          continue;
        }
        for (int i = 0; json.next() == JsonToken.START_OBJECT; i++) {
          if (i < index) {
            json.skip();
            continue;
          }
          while (json.next() == JsonToken.PROPERTY_NAME) {
            String property = json.name();
            json.next();
            if (property.equals("results")) {
              readResults(json, run, sink);
              return;
            }
            json.skip();
          }
        }
      }
    }
    throw new ParseException(file.name(), "run " + index, "the file changed while it was read: its results are gone");
  }

  /** Calls {@code each} with the stream on each element of the array (or null) at the current token. */
  private static void eachElement(JsonStream json, String what, Element each) throws ParseException {
    if (json.current() == JsonToken.VALUE_NULL) {
      return;
    }
    if (json.current() != JsonToken.START_ARRAY) {
      throw json.error("\"" + what + "\" must be an array");
    }
    for (JsonToken t = json.next(); t != JsonToken.END_ARRAY; t = json.next()) {
      if (t != JsonToken.START_OBJECT) {
        throw json.error(t == null ? "the file ends inside \"" + what + "\""
            : "each of \"" + what + "\" must be a JSON object");
      }
      each.read();
    }
  }

  @FunctionalInterface
  private interface Element {
    void read() throws ParseException;
  }
}
