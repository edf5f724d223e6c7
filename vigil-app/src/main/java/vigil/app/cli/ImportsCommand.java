package vigil.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.query.ImportQueries;
import vigil.store.query.ImportView;
import vigil.store.query.Page;
import vigil.store.security.Actor;

/** Lists past imports. */
@Command(name = "imports", description = "List past imports, newest first.")
final class ImportsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--limit", defaultValue = "50") int limit;
  @Option(names = "--offset", defaultValue = "0") int offset;
  @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Store.open()) {
      Page<ImportView> page = new ImportQueries(db).list(Actor.system("cli"), limit, offset);
      if (json) {
        out.println(Json.write(page));
      } else {
        for (ImportView i : page.items()) {
          out.printf("%6d  %-20s %-10s %7d obs  +%d exposures, %d fixed  %s%n", i.id(), i.startedAt(), i.format(),
              i.observations(), i.exposuresNew(), i.exposuresFixed(), i.file());
        }
        out.printf("%d of %d imports%n", page.items().size(), page.total());
      }
    }
    return 0;
  }
}
