package vigil.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.app.server.VigilServer;

/** Starts the server: REST API, OpenAPI and Swagger UI. */
@Command(name = "serve", description = "Start the server: REST API under /api/v1, OpenAPI at /api/openapi.json, Swagger UI at /api/docs.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).") int port;
  @Option(names = "--demo", description = "Load the demo data set (idempotent).") boolean demo;

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>();
    args.add("--server.port=" + port);
    if (demo) {
      args.add("--vigil.demo=true");
    }
    VigilServer.start(args.toArray(String[]::new));
    return 0;
  }
}
