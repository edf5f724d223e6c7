package vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every parser owes the format detection, checked against the whole corpus. */
public final class ParserContract {
  private ParserContract() {}

  /** Every corpus file of {@code format} is detected as that format from its content. */
  public static void detectsItsCorpusFiles(String format) throws ParseException {
    for (JsonNode e : Corpus.entries(format)) {
      String path = e.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo(format);
    }
  }

  /** The parser's sniff claims no corpus file of another format. */
  public static void claimsNoOtherFormatsFile(ScanParser parser) {
    for (JsonNode e : Corpus.manifest()) {
      String path = e.get("path").asString();
      if (!parser.format().equals(e.path("format").asString(""))) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }
}
