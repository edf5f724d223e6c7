package vigil.app.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.ingest.ScanFile;
import vigil.ingest.cmdb.CmdbParser;

/** The options {@code parse} and {@code import} share: which files, which format, how to read them. */
final class ScanFileOptions {
  @Option(names = "--format", paramLabel = "F", description = "Format name (see 'vigil formats'); detected from content when omitted.")
  String format;

  @Option(names = "--target", paramLabel = "NAME", description = "Asset name for formats that do not name one (SARIF, Semgrep, Gitleaks).")
  String target;

  @Option(names = "--mapping", paramLabel = "FILE", description = "CMDB column mapping (properties: name=, ip=, fqdn=, owner=, environment=, criticality=, service=, ...).")
  String mapping;

  @Option(names = "--json", description = "One JSON object per file.")
  boolean json;

  @Parameters(paramLabel = "FILE", arity = "1..*")
  List<Path> files;

  ScanFile scanFile(Path path) {
    return ScanFile.of(path).withTarget(target).withOption(CmdbParser.MAPPING_OPTION, mapping);
  }
}
