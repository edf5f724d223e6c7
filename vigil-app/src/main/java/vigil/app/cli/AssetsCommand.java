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
import vigil.store.security.Visibility;

/** Lists the asset inventory. */
@Command(name = "assets", description = "List the asset inventory.")
final class AssetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--kind", description = "host, container-image, code-repository, cloud-resource, ...") String kind;
  @Option(names = "--search", description = "Part of a name or identifier.") String search;
  @Option(names = "--shadow", description = "Only shadow IT: assets no scope rule matches.") boolean shadow;
  @Option(names = "--scope", description = "Only assets of this scope status: in-scope, out-of-scope, shadow-it.") String scope;
  @Option(names = "--sort", defaultValue = "name", description = "name, id, last_seen, exposures; '-' prefix reverses.") String sort;
  @Option(names = "--limit", defaultValue = "100") int limit;
  @Option(names = "--offset", defaultValue = "0") int offset;
  @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Store.open()) {
      Page<AssetView> page;
      try {
        page = new AssetQueries(db).list(Visibility.everything(), kind, search, shadow ? "shadow-it" : scope, sort,
            limit, offset);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      if (json) {
        out.println(Json.write(page));
      } else {
        for (AssetView a : page.items()) {
          out.printf("%6d  %-16s %-40s %4d active  %-12s %s  %s%n", a.id(), a.kind(), a.name(), a.activeExposures(),
              a.scopeStatus() == null ? "-" : a.scopeStatus(), String.join(",", a.services()),
              String.join(" ", a.identifiers()));
          if (shadow) {
            out.printf("        first seen %s by %s; %s%n", a.firstSeen(), String.join(", ", a.seenBy()),
                a.scopeExplanation());
          }
        }
        out.printf("%d of %d assets%n", page.items().size(), page.total());
      }
    }
    return 0;
  }
}
