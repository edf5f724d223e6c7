package vigil.app.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.intel.cvss.CvssCalculator;
import vigil.intel.cvss.CvssScore;

/** Scores CVSS vectors (v2, v3.0, v3.1, v4.0). */
@Command(name = "cvss", description = "Score CVSS v2, v3.0, v3.1 and v4.0 vectors.")
final class CvssCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;
  @Option(names = "--json", description = "One JSON object per vector.") boolean json;
  @Parameters(paramLabel = "VECTOR", arity = "1..*") List<String> vectors;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int code = 0;
    for (String v : vectors) {
      try {
        CvssScore s = CvssCalculator.score(v);
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("vector", s.vector());
          o.put("version", s.version());
          o.put("score", s.score());
          o.put("severity", s.severity());
          if (!s.version().equals("4.0")) {
            o.put("base", s.base());
            o.put("temporal", s.temporal());
            o.put("environmental", s.environmental());
          }
          out.println(Json.write(o));
        } else {
          out.printf("%.1f %s %s%n", s.score(), s.severity(), s.vector());
        }
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("vigil: " + e.getMessage());
        code = VigilCommand.REFUSED;
      }
    }
    return code;
  }
}
