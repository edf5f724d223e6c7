package vigil.bench.generate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Generates benchmark data, deterministic from a seed:
 *
 * <pre>
 * Generate nessus --hosts 2000 --findings 500 --seed 1 --out bench-data/x.nessus
 * Generate nessus --target-mb 100 --findings 250 --seed 1 --out bench-data/100mb.nessus
 * Generate trivy --images 100 --vulns 500 --seed 1 --out bench-data/trivy
 * </pre>
 */
@Command(name = "generate", mixinStandardHelpOptions = true, subcommands = {Generate.Nessus.class, Generate.Trivy.class},
    description = "Generates realistic scanner reports for the benchmarks.")
public final class Generate implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new Generate()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "name a format: nessus or trivy");
  }

  @Command(name = "nessus", mixinStandardHelpOptions = true,
      description = "A Nessus v2 (.nessus) report of N hosts x M findings, or of at least a target size.")
  static final class Nessus implements Callable<Integer> {
    static final class Size {
      @Option(names = "--hosts", description = "number of hosts", required = true)
      int hosts;

      @Option(names = "--target-mb", description = "add hosts until the file has at least this many MB (10^6 bytes)",
          required = true)
      double targetMb;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Size size;

    @Option(names = "--findings", description = "findings (ReportItems) per host", required = true)
    int findings;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--first-host", description = "index of the first host, to split one network across files"
        + " (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int firstHost;

    @Option(names = "--scan-time", description = "scan start, ISO-8601; another time gives a re-scan with the same"
        + " findings (default: 2024-05-06T01:00:00Z)")
    Instant scanTime;

    @Option(names = "--plugins", description = "plugins in the catalogue (default: ${DEFAULT-VALUE})",
        defaultValue = "3000")
    int plugins;

    @Option(names = "--out", description = "the file to write", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
      NessusSpec spec = size.targetMb > 0
          ? NessusSpec.ofSize(seed, (long) (size.targetMb * 1e6), findings)
          : NessusSpec.of(seed, size.hosts, findings);
      spec = spec.withFirstHost(firstHost).withPlugins(plugins);
      if (scanTime != null) {
        spec = spec.withScanStart(scanTime);
      }
      long t0 = System.nanoTime();
      Written w = new NessusReport(spec).write(out);
      report(out, w, "hosts", t0);
      return 0;
    }
  }

  @Command(name = "trivy", mixinStandardHelpOptions = true,
      description = "Trivy JSON reports (SchemaVersion 2), one file per image, N images x M vulnerabilities.")
  static final class Trivy implements Callable<Integer> {
    @Option(names = "--images", description = "number of images (files)", required = true)
    int images;

    @Option(names = "--vulns", description = "vulnerabilities per image", required = true)
    int vulns;

    @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--first-image", description = "index of the first image (default: ${DEFAULT-VALUE})",
        defaultValue = "0")
    int firstImage;

    @Option(names = "--catalogue", description = "entries in the vulnerability database (default: ${DEFAULT-VALUE})",
        defaultValue = "6000")
    int catalogue;

    @Option(names = "--out", description = "the folder to write the reports to", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
      TrivySpec spec = TrivySpec.of(seed, images, vulns).withFirstImage(firstImage).withCatalogue(catalogue);
      long t0 = System.nanoTime();
      Written w = new TrivyReport(spec).writeAll(out);
      report(out, w, "images", t0);
      return 0;
    }
  }

  private static void report(Path out, Written w, String assets, long t0) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "wrote %s: %d %s, %d findings, %.1f MB in %.1f s%n", out, w.assets(), assets,
        w.findings(), w.bytes() / 1e6, seconds);
  }
}
