package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.ParseSummary;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.model.Severity;

/** Parses files and reports what they hold, storing nothing. */
@Command(name = "parse", description = "Parse scanner files and report what they hold; stores nothing.")
final class ParseCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;

  @Mixin ScanFileOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int code = 0;
    for (Path path : options.files) {
      ScanFile file = options.scanFile(path);
      try {
        ScanParser parser = Formats.choose(file, options.format);
        ParseSummary summary = new ParseSummary();
        parser.parse(file, summary);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", path.toString());
        o.put("format", parser.format());
        o.put("observations", summary.observations());
        o.put("assets", summary.assets());
        o.put("weaknesses", summary.weaknesses());
        Map<String, Long> severities = new LinkedHashMap<>();
        for (Map.Entry<Severity, Long> e : summary.severities().entrySet()) {
          severities.put(e.getKey().label(), e.getValue());
        }
        o.put("severities", severities);
        if (options.json) {
          out.println(Json.write(o));
        } else {
          out.printf("%s: %s, %d observations, %d assets, %d weaknesses %s%n", path, parser.format(),
              summary.observations(), summary.assets(), summary.weaknesses(), severities);
        }
      } catch (ParseException e) {
        err.println("vigil: " + e.getMessage());
        code = VigilCommand.REFUSED;
      } catch (IOException e) {
        err.println("vigil: " + path + ": cannot read: " + e.getMessage());
        code = VigilCommand.REFUSED;
      } catch (RuntimeException e) {
        err.println("vigil: " + path + ": " + e);
        code = VigilCommand.REFUSED;
      }
      out.flush();
      err.flush();
    }
    return code;
  }
}
