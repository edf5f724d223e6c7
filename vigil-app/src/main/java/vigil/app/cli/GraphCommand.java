package vigil.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.engine.graph.AttackPath;
import vigil.engine.graph.BlastRadius;
import vigil.engine.graph.ChokePoint;
import vigil.engine.graph.PathStep;
import vigil.engine.graph.WhatIf;
import vigil.store.Database;
import vigil.store.graph.GraphService;
import vigil.store.risk.Rescorer;
import vigil.store.security.Visibility;

/** The attack graph of the stored facts: paths to crown jewels, blast radius, choke points, what-if. */
@Command(name = "graph", description = "Attack graph of the stored facts (scans, scope, topology, identities).",
    subcommands = {GraphCommand.Paths.class, GraphCommand.Blast.class, GraphCommand.ChokePoints.class,
        GraphCommand.WhatIfCommand.class})
final class GraphCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs one report against the store; a fact the engine refuses is one error line, exit 1. */
  abstract static class Report implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "One JSON object.") boolean json;

    abstract Map<String, Object> report(GraphService graph);

    abstract void print(PrintWriter out, Map<String, Object> report);

    @Override
    public Integer call() {
      try (Database db = Store.open()) {
        Map<String, Object> r = report(new GraphService(db, new Rescorer(db)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(r));
        } else {
          @SuppressWarnings("unchecked")
          List<String> warnings = (List<String>) r.get("warnings");
          warnings.forEach(w -> out.println("warning: " + w));
          print(out, r);
        }
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("vigil: " + e.getMessage());
        return VigilCommand.REFUSED;
      }
    }
  }

  /** {@code vigil graph paths}. */
  @Command(name = "paths", description = "The most likely attack paths from the entry points to each crown jewel.")
  static final class Paths extends Report {
    @Option(names = "--k", defaultValue = "3", description = "Paths per crown jewel (default ${DEFAULT-VALUE}).") int k;

    @Override
    Map<String, Object> report(GraphService graph) {
      return graph.pathsReport(Visibility.everything(), k);
    }

    @Override
    @SuppressWarnings("unchecked")
    void print(PrintWriter out, Map<String, Object> r) {
      List<AttackPath> paths = (List<AttackPath>) r.get("paths");
      if (paths.isEmpty()) {
        out.println("no attack path reaches a crown jewel (crown jewels: " + r.get("crownJewels") + ")");
      }
      paths.forEach(p -> printPath(out, p));
    }
  }

  static void printPath(PrintWriter out, AttackPath p) {
    out.printf("%s -> %s  likelihood %.4f%n", p.entryPoint(), p.crownJewel(), p.probability());
    for (PathStep s : p.steps()) {
      out.printf("  %-28s %s%s%s%n", s.to().id(), s.why(),
          s.technique() == null ? "" : " [" + s.technique().id() + "]",
          s.fixId() == null ? "" : " (fix: " + s.fixKind() + " " + s.fixId() + ")");
    }
  }

  /** {@code vigil graph blast STATE}. */
  @Command(name = "blast", description = "Everything an attacker reaches from one state alone (a host, service,"
      + " principal, entry point, or a state such as execCode(HOST,admin)).")
  static final class Blast extends Report {
    @Parameters(paramLabel = "STATE") String state;
    @Option(names = "--limit", defaultValue = "50", description = "States to list (default ${DEFAULT-VALUE}).") int limit;

    @Override
    Map<String, Object> report(GraphService graph) {
      return graph.blastReport(Visibility.everything(), state, limit);
    }

    @Override
    void print(PrintWriter out, Map<String, Object> r) {
      BlastRadius b = (BlastRadius) r.get("blast");
      out.printf("from %s: %d states, code on %d hosts (admin on %d), %d identities, crown jewels %s%n",
          b.from().id(), b.states(), b.hostsWithCode(), b.hostsWithAdmin(), b.identities(), b.crownJewels());
      b.reached().forEach(s -> out.println("  " + s.id()));
      if (b.truncated()) {
        out.println("  ... (--limit to list more)");
      }
    }
  }

  /** {@code vigil graph chokepoints}. */
  @Command(name = "chokepoints", description = "The fixes that cut the most attack paths, verified by recomputation.")
  static final class ChokePoints extends Report {
    @Option(names = "--n", defaultValue = "10", description = "How many (default ${DEFAULT-VALUE}).") int n;

    @Override
    Map<String, Object> report(GraphService graph) {
      return graph.chokePointsReport(Visibility.everything(), n);
    }

    @Override
    @SuppressWarnings("unchecked")
    void print(PrintWriter out, Map<String, Object> r) {
      List<ChokePoint> chokes = (List<ChokePoint>) r.get("chokePoints");
      if (chokes.isEmpty()) {
        out.println("no choke point: no attack path reaches a crown jewel");
      }
      for (ChokePoint c : chokes) {
        out.printf("%d. %s %s: %s; cuts %d/%d sampled paths; alone cuts %s; %d crown jewels left%s%n", c.rank(),
            c.kind(), c.id(), c.description(), c.pathsCut(), c.pathsSampled(), c.crownJewelsCut(),
            c.crownJewelsReachableAfter(), c.verified() ? "" : " (not verified)");
      }
    }
  }

  /** {@code vigil graph whatif --fix ID... --remove-flow ID...}. */
  @Command(name = "whatif", description = "Recompute the graph with exposures fixed and flows removed.")
  static final class WhatIfCommand extends Report {
    @Option(names = "--fix", paramLabel = "EXPOSURE_ID", arity = "1..*", description = "Exposure ids to fix.")
    List<String> fix = new ArrayList<>();
    @Option(names = "--remove-flow", paramLabel = "FLOW_ID", arity = "1..*", description = "Topology flows to remove.")
    List<String> flows = new ArrayList<>();

    @Override
    Map<String, Object> report(GraphService graph) {
      return graph.whatIfReport(Visibility.everything(), fix, flows);
    }

    @Override
    void print(PrintWriter out, Map<String, Object> r) {
      WhatIf w = (WhatIf) r.get("whatIf");
      if (!w.unknown().isEmpty()) {
        out.println("not in the graph: " + w.unknown());
      }
      out.printf("crown jewels reachable: %s -> %s (cut: %s); hosts compromised: %d -> %d%n",
          w.crownJewelsReachableBefore(), w.crownJewelsReachableAfter(), w.crownJewelsCut(), w.hostsCompromisedBefore(),
          w.hostsCompromisedAfter());
      w.remainingPaths().forEach(p -> printPath(out, p));
    }
  }
}
