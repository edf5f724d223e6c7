package vigil.ingest.cyclonedx;

import java.io.IOException;
import java.util.regex.Pattern;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.model.ObservationSink;

/**
 * CycloneDX BOMs with vulnerabilities, JSON or XML (one format name for both; the content decides
 * which reader runs). One observation per vulnerability and affected component, on the asset
 * {@code metadata.component} describes. A BOM without vulnerability data yields nothing and covers
 * nothing: listing components is not a vulnerability scan.
 */
public final class CycloneDxParser implements ScanParser {
  private static final Pattern JSON_FORMAT = Pattern.compile("\"bomFormat\"\\s*:\\s*\"CycloneDX\"");

  @Override
  public String format() {
    return "cyclonedx";
  }

  @Override
  public String tool() {
    return "CycloneDX";
  }

  @Override
  public boolean sniff(Head head) {
    if (head.isXml("bom")) {
      return head.contains("cyclonedx.org/schema/bom/");
    }
    return head.firstChar() == '{' && JSON_FORMAT.matcher(head.text()).find();
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    if (Head.of(file).firstChar() == '<') {
      new XmlBomReader(file, sink).parse();
    } else {
      // Anything else, blank or not JSON included, is refused by the JSON reader with its place.
      new JsonBomReader(file).parse(sink);
    }
  }
}
