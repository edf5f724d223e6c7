package vigil.ingest;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import vigil.ingest.burp.BurpParser;
import vigil.ingest.cyclonedx.CycloneDxParser;
import vigil.ingest.gitleaks.GitleaksParser;
import vigil.ingest.grype.GrypeParser;
import vigil.ingest.cmdb.CmdbParser;
import vigil.ingest.nessus.NessusParser;
import vigil.ingest.nexpose.NexposeParser;
import vigil.ingest.nmap.NmapParser;
import vigil.ingest.nuclei.NucleiParser;
import vigil.ingest.openvas.OpenVasParser;
import vigil.ingest.prowler.ProwlerParser;
import vigil.ingest.qualys.QualysParser;
import vigil.ingest.sarif.SarifParser;
import vigil.ingest.scoutsuite.ScoutSuiteParser;
import vigil.ingest.semgrep.SemgrepParser;
import vigil.ingest.tenablecsv.TenableCsvParser;
import vigil.ingest.trivy.TrivyParser;
import vigil.ingest.zap.ZapParser;

/** The formats Vigil reads, and detection of a file's format from its content. */
public final class Formats {

  /** Every parser, most specific sniff first. */
  private static final List<ScanParser> PARSERS = List.of(
      new NessusParser(),
      new OpenVasParser(),
      new QualysParser(),
      new NmapParser(),
      new NexposeParser(),
      new CycloneDxParser(),
      new TrivyParser(),
      new GrypeParser(),
      new ZapParser(),
      new BurpParser(),
      new ProwlerParser(),
      new ScoutSuiteParser(),
      new SarifParser(),
      new SemgrepParser(),
      new GitleaksParser(),
      new NucleiParser(),
      new TenableCsvParser(),
      new CmdbParser());

  private Formats() {}

  public static List<ScanParser> all() {
    return PARSERS;
  }

  /** The parser for a format name given with {@code --format}. */
  public static ScanParser byName(String format) throws ParseException {
    String wanted = format.trim().toLowerCase(Locale.ROOT);
    for (ScanParser p : PARSERS) {
      if (p.format().equals(wanted)) {
        return p;
      }
    }
    throw new ParseException("--format", "", "unknown format '" + format + "'; known formats: " + names());
  }

  /** Detects the format of a file from its first bytes, never from its name. */
  public static ScanParser detect(ScanFile file) throws ParseException {
    Head head = Head.of(file);
    if (head.isBlank()) {
      throw new ParseException(file.name(), "", "the file is empty, so its format cannot be detected; name it with --format");
    }
    for (ScanParser p : PARSERS) {
      if (p.sniff(head)) {
        return p;
      }
    }
    String start = head.text().strip();
    start = start.substring(0, Math.min(60, start.length())).replaceAll("\\s+", " ");
    throw new ParseException(file.name(), "line 1",
        "unrecognised format (starts with \"" + start + "\"); known formats: " + names());
  }

  /** The parser for {@code format}, or the detected one when {@code format} is null. */
  public static ScanParser choose(ScanFile file, String format) throws ParseException {
    return format == null || format.isBlank() ? detect(file) : byName(format);
  }

  public static String names() {
    return PARSERS.stream().map(ScanParser::format).collect(Collectors.joining(", "));
  }
}
