package vigil.intel.feeds.nvd;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JsonToken;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.FeedReader;
import vigil.intel.feeds.io.FeedFile;
import vigil.intel.feeds.io.Fields;
import vigil.intel.feeds.io.JsonFeed;
import vigil.intel.feeds.io.JsonRecord;
import vigil.model.Ids;

/**
 * Reads one NVD CVE API 2.0 response page ({@code format: NVD_CVE}), streaming over
 * {@code vulnerabilities[].cve}. The response's {@code version} and {@code timestamp} become the
 * {@link FeedInfo} version and date; a page holding more records than its
 * {@code resultsPerPage} is refused.
 */
public final class NvdReader implements FeedReader<NvdCve> {
  private static final String WHAT = "an NVD CVE API 2.0 response (JSON object with format NVD_CVE)";
  /** Metric arrays of the API, with the CVSS version each must hold. */
  private static final Map<String, String> METRIC_KEYS = Map.of(
      "cvssMetricV2", "2.0", "cvssMetricV30", "3.0", "cvssMetricV31", "3.1", "cvssMetricV40", "4.0");
  private static final List<String> METRIC_ORDER =
      List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2");

  @Override
  public FeedInfo read(Path path, Consumer<? super NvdCve> sink) throws FeedException {
    FeedFile file = FeedFile.of(path);
    String format = null;
    String version = null;
    Instant timestamp = null;
    Long perPage = null;
    long read = -1;
    try (JsonFeed json = JsonFeed.open(file)) {
      json.start(JsonToken.START_OBJECT, WHAT);
      String name;
      while ((name = json.nextProperty()) != null) {
        switch (name) {
          case "format" -> format = checkFormat(json, json.scalar(name));
          case "version" -> version = json.scalar(name);
          case "timestamp" -> timestamp = timestamp(json, json.scalar(name));
          case "resultsPerPage" -> perPage = json.integer(name);
          case "vulnerabilities" -> read = json.forEachElement("/vulnerabilities", r -> {
            JsonRecord cve = r.requireObject("an NVD vulnerability ({\"cve\": …})").object("cve");
            if (cve == null) {
              throw r.error("cve", "expected an NVD vulnerability ({\"cve\": …}): missing cve");
            }
            sink.accept(cve(cve));
          });
          default -> json.skip();
        }
      }
      json.finish();
      if (format == null || read < 0) {
        throw file.error("", "expected " + WHAT + ": missing " + (format == null ? "format" : "vulnerabilities"));
      }
      if (perPage != null && read > perPage) {
        throw file.error("at /resultsPerPage", "page declares resultsPerPage " + perPage + " but holds " + read);
      }
    }
    return new FeedInfo(FeedKind.NVD, version, timestamp, read);
  }

  private static String checkFormat(JsonFeed json, String format) throws FeedException {
    if (!"NVD_CVE".equals(format)) {
      throw json.error("expected " + WHAT + ", found format '" + format + "'");
    }
    return format;
  }

  private static Instant timestamp(JsonFeed json, String text) throws FeedException {
    Instant t = text == null ? null : Fields.parseInstant(text);
    if (t == null) {
      throw json.error("expected timestamp as an ISO-8601 time, found '" + text + "'");
    }
    return t;
  }

  private static NvdCve cve(JsonRecord c) throws FeedException {
    return new NvdCve(
        c.cve("id"),
        c.instant("published"),
        c.instant("lastModified"),
        c.text("vulnStatus"),
        english(c),
        cwes(c),
        metrics(c.object("metrics")),
        kev(c),
        cpeMatches(c));
  }

  private static String english(JsonRecord c) throws FeedException {
    for (JsonRecord d : c.objects("descriptions")) {
      if ("en".equalsIgnoreCase(d.text("lang"))) {
        return d.text("value");
      }
    }
    return null;
  }

  private static List<String> cwes(JsonRecord c) throws FeedException {
    Set<String> out = new LinkedHashSet<>();
    for (JsonRecord w : c.objects("weaknesses")) {
      for (JsonRecord d : w.objects("description")) {
        String cwe = Ids.cwe(d.text("value"));
        if (cwe != null) {
          out.add(cwe);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static List<NvdCve.Metric> metrics(JsonRecord metrics) throws FeedException {
    List<NvdCve.Metric> out = new ArrayList<>();
    if (metrics == null) {
      return out;
    }
    for (String key : METRIC_ORDER) {
      for (JsonRecord m : metrics.objects(key)) {
        JsonRecord data = m.object("cvssData");
        if (data == null) {
          throw m.error("cvssData", "missing cvssData");
        }
        String version = data.required("version");
        if (!version.equals(METRIC_KEYS.get(key))) {
          throw data.error("version", "expected CVSS version " + METRIC_KEYS.get(key) + " in " + key
              + ", found '" + version + "'");
        }
        out.add(new NvdCve.Metric(version, data.required("vectorString"), data.number("baseScore"),
            m.text("source"), m.text("type")));
      }
    }
    return out;
  }

  private static NvdCve.Kev kev(JsonRecord c) throws FeedException {
    LocalDate added = c.date("cisaExploitAdd");
    if (added == null) {
      return null;
    }
    return new NvdCve.Kev(added, c.date("cisaActionDue"), c.text("cisaRequiredAction"),
        c.text("cisaVulnerabilityName"));
  }

  private static List<NvdCve.CpeMatch> cpeMatches(JsonRecord c) throws FeedException {
    List<NvdCve.CpeMatch> out = new ArrayList<>();
    for (JsonRecord config : c.objects("configurations")) {
      for (JsonRecord node : config.objects("nodes")) {
        for (JsonRecord m : node.objects("cpeMatch")) {
          if (m.flag("vulnerable")) {
            out.add(new NvdCve.CpeMatch(m.required("criteria"),
                m.text("versionStartIncluding"), m.text("versionStartExcluding"),
                m.text("versionEndIncluding"), m.text("versionEndExcluding"),
                m.text("matchCriteriaId")));
          }
        }
      }
    }
    return out;
  }
}
