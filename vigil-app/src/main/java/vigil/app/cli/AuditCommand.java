package vigil.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.security.AuditLog;

/** {@code vigil audit}: the append-only, hash-chained audit trail: query, verify, export. */
@Command(name = "audit", description = "The audit trail, oldest first: who changed what, when, before and after.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;
  @Option(names = "--since", paramLabel = "ISO", converter = InstantConverter.class,
      description = "From this instant or day (2025-01-31T08:00:00Z, 2025-01-31).") Instant since;
  @Option(names = "--until", paramLabel = "ISO", converter = InstantConverter.class,
      description = "Before this instant or day.") Instant until;
  @Option(names = "--actor", paramLabel = "A", description = "Exactly this actor (alice, alice via token ci, cli:root).")
  String actor;
  @Option(names = "--action", paramLabel = "A", description = "This action (token.revoke); 'exposure.' for every"
      + " exposure action.") String action;
  @Option(names = "--limit", defaultValue = "100", description = "At most this many events (default ${DEFAULT-VALUE}).")
  int limit;

  static final class Format {
    @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;
    @Option(names = "--jsonl", description = "One JSON object per event and line.") boolean jsonl;
  }

  @ArgGroup(exclusive = true) Format format;

  @Override
  public Integer call() {
    try (Backend backend = Backend.open(spec)) {
      List<Map<String, Object>> events = backend.audit(new AuditLog.Query(since, until, actor, action, null, null, 0,
          limit));
      PrintWriter out = spec.commandLine().getOut();
      if (format != null && format.json) {
        out.println(Json.write(new Backend.Listing<>(events.size(), events)));
      } else if (format != null && format.jsonl) {
        events.forEach(e -> out.println(Json.write(e)));
      } else {
        events.forEach(e -> out.printf("%6s  %-24s %-28s %-22s %s %s%n", e.get("seq"), e.get("at"), e.get("actor"),
            e.get("action"), e.get("targetType"), e.get("targetId") == null ? "" : e.get("targetId")));
        out.printf("%d events%n", events.size());
      }
    }
    return 0;
  }

  /** {@code vigil audit verify}: exit 1 when the chain is broken. */
  @Command(name = "verify", description = "Re-compute the hash chain: exit 0 when intact, 1 when an event was"
      + " altered or removed.")
  static final class Verify implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        AuditLog.Verification v = backend.verifyAudit();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(v));
        } else if (v.intact()) {
          out.printf("audit trail intact: %d events%n", v.events());
        } else {
          out.printf("audit trail BROKEN at event %d: %s%n", v.firstBrokenSeq(), v.problem());
        }
        return v.intact() ? 0 : VigilCommand.REFUSED;
      }
    }
  }

  /** {@code vigil audit export --out FILE}: JSON lines, as the server's export. */
  @Command(name = "export", description = "Write the trail (or a time range) to a file as JSON lines, for archiving"
      + " or a SIEM.")
  static final class Export implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;
    @Option(names = "--since", paramLabel = "ISO", converter = InstantConverter.class) Instant since;
    @Option(names = "--until", paramLabel = "ISO", converter = InstantConverter.class) Instant until;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        backend.exportAudit(since, until, out);
      }
      return 0;
    }
  }

  /** An instant (2025-01-31T08:00:00Z) or a day (2025-01-31, its start in UTC). */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("not an ISO instant or day: '" + value + "'");
      }
    }
  }
}
