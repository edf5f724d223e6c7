package vigil.app.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.core.env.Environment;
import vigil.app.cli.MobilisationConfig;
import vigil.store.Database;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.Decisions;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.Metrics;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.SlaStatus;
import vigil.store.mobilise.Slas;

/**
 * Mobilisation over HTTP: fix groups, SLA status, risk acceptance and false positives, metrics, and
 * an on-demand mobilisation pass.
 */
@RestController
@RequestMapping("/api/v1")
class MobilisationController {
  private final FixGroups fixGroups;
  private final Slas slas;
  private final Decisions decisions;
  private final Database db;
  private final Environment env;

  MobilisationController(FixGroups fixGroups, Slas slas, Decisions decisions, Database db, Environment env) {
    this.fixGroups = fixGroups;
    this.slas = slas;
    this.decisions = decisions;
    this.db = db;
    this.env = env;
  }

  /** Takes today's snapshot and returns every stored series, as {@code vigil metrics --json} prints it. */
  @GetMapping("/metrics")
  Map<String, Object> metrics() {
    Instant now = Instant.now();
    Metrics metrics = new Metrics(db, slas);
    metrics.snapshot(LocalDate.ofInstant(now, ZoneOffset.UTC), now);
    return Map.of("items", metrics.series());
  }

  /**
   * Runs one mobilisation pass (with two-way ticket sync) and, unless {@code delivery=false},
   * delivers the due outbox messages; returns the summary {@code vigil mobilise --json} prints.
   */
  @PostMapping("/mobilise")
  Map<String, Object> mobilise(@RequestParam(defaultValue = "true") boolean delivery) {
    Instant now = Instant.now();
    MobilisationConfig config = MobilisationConfig.load(env.getProperty("vigil.mobilisation.config"));
    MobilisationCycle.Result r = config.cycle(db, slas).run(now);
    Outbox.Delivery d = delivery ? new Outbox(db).deliverDue(config.dispatcher(), now, 500) : new Outbox.Delivery(0, 0, 0);
    return MobilisationConfig.summary(r, d);
  }

  /** A risk acceptance request. */
  record AcceptanceBody(String reason, String requestedBy, String approver, LocalDate until) {
    Acceptance acceptance() {
      if (until == null) {
        throw new IllegalArgumentException("a risk acceptance needs an until date (YYYY-MM-DD)");
      }
      return new Acceptance(reason, requestedBy, approver, until);
    }
  }

  /** A false-positive marking. */
  record FalsePositiveBody(String reason, String actor) {}

  @GetMapping("/fixes")
  Map<String, Object> fixes(@RequestParam(defaultValue = "50") int limit) {
    List<FixGroup> all = fixGroups.list(Instant.now());
    return Map.of("total", all.size(), "items", all.stream().limit(Math.max(0, limit)).toList());
  }

  /** SLA status; {@code breached=true} or {@code dueWithin=P7D} narrow it. */
  @GetMapping("/sla")
  Map<String, Object> sla(@RequestParam(defaultValue = "false") boolean breached,
      @RequestParam(required = false) Duration dueWithin) {
    Instant now = Instant.now();
    List<SlaStatus> items = breached ? slas.breached(now) : dueWithin != null ? slas.dueWithin(dueWithin, now) : slas.all(now);
    return Map.of("total", items.size(), "items", items);
  }

  @PostMapping("/exposures/{id}/acceptance")
  Map<String, Object> accept(@PathVariable long id, @RequestBody AcceptanceBody body) {
    decisions.accept(id, body.acceptance(), Instant.now());
    return Map.of("accepted", 1, "until", body.until().toString());
  }

  @PostMapping("/fixes/{key}/acceptance")
  Map<String, Object> acceptFixGroup(@PathVariable String key, @RequestBody AcceptanceBody body) {
    Instant now = Instant.now();
    FixGroup g = fixGroups.find(key, now).orElseThrow(() -> new ApiErrors.NotFound("fix group " + key));
    return Map.of("accepted", decisions.acceptFixGroup(g, body.acceptance(), now), "until", body.until().toString());
  }

  @PostMapping("/exposures/{id}/false-positive")
  Map<String, Object> falsePositive(@PathVariable long id, @RequestBody FalsePositiveBody body) {
    decisions.falsePositive(id, body.reason(), body.actor() == null || body.actor().isBlank() ? "api" : body.actor(), Instant.now());
    return Map.of("exposure", id, "status", "false-positive");
  }
}
