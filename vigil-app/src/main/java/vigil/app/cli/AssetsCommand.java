package vigil.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.query.AssetQueries;
import vigil.store.query.AssetView;
import vigil.store.query.Page;

/** Lists the asset inventory. */
@Command(name = "assets", description = "List the asset inventory.")
final class AssetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--kind", description = "host, container-image, code-repository, cloud-resource, ...") String kind;
  @Option(names = "--search", description = "Part of a name or identifier.") String search;
  @Option(names = "--sort", defaultValue = "name", description = "name, id, last_seen, exposures; '-' prefix reverses.") String sort;
  @Option(names = "--limit", defaultValue = "100") int limit;
  @Option(names = "--offset", defaultValue = "0") int offset;
  @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Store.open()) {
      Page<AssetView> page = new AssetQueries(db).list(kind, search, sort, limit, offset);
      if (json) {
        out.println(Json.write(page));
      } else {
        for (AssetView a : page.items()) {
          out.printf("%6d  %-16s %-40s %4d active  %s%n", a.id(), a.kind(), a.name(), a.activeExposures(),
              String.join(" ", a.identifiers()));
        }
        out.printf("%d of %d assets%n", page.items().size(), page.total());
      }
    }
    return 0;
  }
}
