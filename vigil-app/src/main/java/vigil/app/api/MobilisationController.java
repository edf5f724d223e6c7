package vigil.app.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import vigil.store.security.Secrets;
import vigil.store.query.ExposureQueries;
import vigil.store.security.Actor;
import vigil.store.security.Visibility;

/**
 * Mobilisation over HTTP: fix groups, SLA status, risk acceptance and false positives, metrics, and
 * an on-demand mobilisation pass. Everything is read and decided within the caller's visibility;
 * who requests an acceptance or marks a false positive is the signed-in account, never a name in
 * the body.
 */
@RestController
@RequestMapping("/api/v1")
class MobilisationController {
  private final FixGroups fixGroups;
  private final Slas slas;
  private final Decisions decisions;
  private final ExposureQueries exposures;
  private final Database db;
  private final Environment env;
  private final Secrets secrets;

  MobilisationController(FixGroups fixGroups, Slas slas, Decisions decisions, ExposureQueries exposures, Database db,
      Environment env, Secrets secrets) {
    this.fixGroups = fixGroups;
    this.slas = slas;
    this.decisions = decisions;
    this.exposures = exposures;
    this.db = db;
    this.env = env;
    this.secrets = secrets;
  }

  /**
   * Takes today's snapshot and returns every stored series, as {@code vigil metrics --json} prints
   * it. The stored snapshots are of the whole estate: a caller who does not see everything gets
   * today's figures computed over what it sees instead, and no history.
   */
  @GetMapping("/metrics")
  Map<String, Object> metrics(Actor actor) {
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Metrics metrics = new Metrics(db, slas);
    if (!actor.visibility().all()) {
      return Map.of("items", metrics.today(actor.visibility(), today, now), "history", false);
    }
    metrics.snapshot(today, now);
    return Map.of("items", metrics.series(), "history", true);
  }

  /**
   * Runs one mobilisation pass (with two-way ticket sync) and, unless {@code delivery=false},
   * delivers the due outbox messages; returns the summary {@code vigil mobilise --json} prints.
   */
  @PostMapping("/mobilise")
  Map<String, Object> mobilise(@RequestParam(defaultValue = "true") boolean delivery, Actor actor) {
    Instant now = Instant.now();
    MobilisationConfig config = MobilisationConfig.load(env.getProperty("vigil.mobilisation.config"), secrets);
    MobilisationCycle.Result r = seenBy(actor.visibility(), config.cycle(db, slas).run(actor.name(), now));
    Outbox.Delivery d = delivery ? new Outbox(db).deliverDue(config.dispatcher(), now, 500) : new Outbox.Delivery(0, 0, 0);
    return MobilisationConfig.summary(r, d);
  }

  /** The pass acts on the whole estate; its report names only the fix groups and exposures the caller sees. */
  private MobilisationCycle.Result seenBy(Visibility visible, MobilisationCycle.Result r) {
    if (visible.all()) {
      return r;
    }
    Set<Long> expired = exposures.visible(visible, r.acceptancesExpired());
    return new MobilisationCycle.Result(r.acceptancesExpired().stream().filter(expired::contains).toList(),
        fixGroups.visibleKeys(visible, r.groupsVerified()), fixGroups.visibleKeys(visible, r.groupsReopened()),
        r.messagesQueued(), fixGroups.visibleKeys(visible, r.ticketsClosedByThem()),
        fixGroups.visibleKeys(visible, r.ticketsReopened()), r.ticketSyncFailures());
  }

  /** A risk acceptance request; the requester is the signed-in account, the approver someone else. */
  record AcceptanceBody(String reason, String requestedBy, String approver, LocalDate until) {
    Acceptance acceptance(Actor actor) {
      if (until == null) {
        throw new IllegalArgumentException("a risk acceptance needs an until date (YYYY-MM-DD)");
      }
      return new Acceptance(reason, requester(requestedBy, actor, "requestedBy"), approver, until);
    }
  }

  /** A false-positive marking; who marks it is the signed-in account. */
  record FalsePositiveBody(String reason, String actor) {}

  /** The signed-in account; a name given in the body must be that one (it cannot speak for another). */
  private static String requester(String given, Actor actor, String field) {
    if (given != null && !given.isBlank() && !given.trim().equalsIgnoreCase(actor.username())) {
      throw new IllegalArgumentException(field + " is the signed-in account (" + actor.username()
          + "); it cannot name someone else");
    }
    return actor.username();
  }

  @GetMapping("/fixes")
  Map<String, Object> fixes(@RequestParam(defaultValue = "50") int limit, Actor actor) {
    List<FixGroup> all = fixGroups.list(actor.visibility(), Instant.now());
    return Map.of("total", all.size(), "items", all.stream().limit(Math.max(0, limit)).toList());
  }

  /** SLA status; {@code breached=true} or {@code dueWithin=P7D} narrow it. */
  @GetMapping("/sla")
  Map<String, Object> sla(@RequestParam(defaultValue = "false") boolean breached,
      @RequestParam(required = false) Duration dueWithin, Actor actor) {
    Instant now = Instant.now();
    Visibility v = actor.visibility();
    List<SlaStatus> items = breached ? slas.breached(v, now) : dueWithin != null ? slas.dueWithin(v, dueWithin, now)
        : slas.all(v, now);
    return Map.of("total", items.size(), "items", items);
  }

  /** 404 for an exposure the caller does not see; 403 for an owner's exposure on another's asset. */
  @PostMapping("/exposures/{id}/acceptance")
  Map<String, Object> accept(@PathVariable long id, @RequestBody AcceptanceBody body, Actor actor) {
    decisions.accept(id, body.acceptance(actor), actor, Instant.now());
    return Map.of("accepted", 1, "until", body.until().toString());
  }

  @PostMapping("/fixes/{key}/acceptance")
  Map<String, Object> acceptFixGroup(@PathVariable String key, @RequestBody AcceptanceBody body, Actor actor) {
    Instant now = Instant.now();
    FixGroup g = fixGroups.find(actor.visibility(), key, now)
        .orElseThrow(() -> new ApiErrors.NotFound("fix group " + key));
    return Map.of("accepted", decisions.acceptFixGroup(g, body.acceptance(actor), actor, now), "until",
        body.until().toString());
  }

  @PostMapping("/exposures/{id}/false-positive")
  Map<String, Object> falsePositive(@PathVariable long id, @RequestBody FalsePositiveBody body, Actor actor) {
    requester(body.actor(), actor, "actor");
    decisions.falsePositive(id, body.reason(), actor, Instant.now());
    return Map.of("exposure", id, "status", "false-positive");
  }
}
