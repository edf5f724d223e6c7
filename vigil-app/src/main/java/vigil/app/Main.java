package vigil.app;

import picocli.CommandLine;
import vigil.app.cli.VigilCommand;

/** Entry point of {@code vigil}: the command line, of which {@code serve} starts the server. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (!VigilCommand.isServe(args) && System.getProperty("logback.configurationFile") == null) {
      // Commands print results on stdout; their logging must not mix in.
      System.setProperty("logback.configurationFile", "logback-cli.xml");
    }
    int code = VigilCommand.commandLine().execute(args);
    if (code != 0 || !VigilCommand.isServe(args)) {
      System.exit(code);
    }
  }

  /** Runs the command line without exiting the JVM, writing to the given streams; for tests and embedding. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = VigilCommand.commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }
}
