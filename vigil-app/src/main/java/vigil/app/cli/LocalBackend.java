package vigil.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.app.imports.ImportReport;
import vigil.app.security.Passwords;
import vigil.engine.scope.ScopeChange;
import vigil.engine.scope.ScopeFileException;
import vigil.ingest.ParseException;
import vigil.store.Database;
import vigil.store.graph.GraphService;
import vigil.store.imports.FileImporter;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.Decisions;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.Metrics;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.SlaStatus;
import vigil.store.mobilise.Slas;
import vigil.store.query.AssetQueries;
import vigil.store.query.AssetView;
import vigil.store.query.ExposureFilter;
import vigil.store.query.ExposureQueries;
import vigil.store.query.ExposureView;
import vigil.store.query.ImportQueries;
import vigil.store.query.ImportView;
import vigil.store.query.Page;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeApplyResult;
import vigil.store.scope.ScopeStore;
import vigil.store.security.Account;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.Visibility;
import vigil.store.security.ApiTokens;
import vigil.store.security.AuditLog;
import vigil.store.security.Role;
import vigil.store.security.Secrets;

/**
 * The local store: the machine holding the database, whose operator acts as the system (they can
 * read the database file anyway), named {@code cli:<user>} in the audit trail.
 */
final class LocalBackend implements Backend {
  private final Database db;
  private final String operator = "cli:" + System.getProperty("user.name", "unknown");
  private final Actor actor = Actor.system(operator);

  LocalBackend(Database db) {
    this.db = db;
  }

  @Override
  public void close() {
    db.close();
  }

  // ---- the exposure management loop

  @Override
  public ImportReport importFile(Path file, ScanFileOptions options) {
    try {
      return ImportReport.of(file.toString(),
          new FileImporter(db).importFile(options.scanFile(file), options.format, operator));
    } catch (ParseException e) {
      throw new Refused(e.getMessage());
    } catch (IOException e) {
      throw new Refused(file + ": cannot read: " + e.getMessage());
    }
  }

  @Override
  public Page<ImportView> imports(int limit, int offset) {
    return new ImportQueries(db).list(actor, limit, offset);
  }

  @Override
  public Page<AssetView> assets(String kind, String search, String scope, String sort, int limit, int offset) {
    return new AssetQueries(db).list(Visibility.everything(), kind, search, scope, sort, limit, offset);
  }

  @Override
  public Page<ExposureView> exposures(ExposureQuery q) {
    ExposureQueries queries = new ExposureQueries(db);
    Page<ExposureView> page = queries.list(Visibility.everything(), ExposureFilter.fromLabels(q.status(), q.severity(), q.asset(), q.cve(),
        q.tool(), q.search(), q.sort(), q.limit(), q.offset()));
    return q.explain() ? queries.explained(page, new Rescorer(db)) : page;
  }

  @Override
  public Listing<FixGroup> fixes(int limit) {
    List<FixGroup> all = new FixGroups(db, slas()).list(Visibility.everything(), Instant.now());
    return new Listing<>(all.size(), all.stream().limit(Math.max(0, limit)).toList());
  }

  @Override
  public List<SlaStatus> sla(SlaSelection selection) {
    Instant now = Instant.now();
    Slas slas = slas();
    return selection.breached() ? slas.breached(Visibility.everything(), now)
        : selection.dueWithin() != null ? slas.dueWithin(Visibility.everything(), selection.dueWithin(), now) : slas.all(Visibility.everything(), now);
  }

  @Override
  public List<Metrics.Point> metrics() {
    Instant now = Instant.now();
    Metrics metrics = new Metrics(db, slas());
    metrics.snapshot(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC), now);
    return metrics.series();
  }

  @Override
  public Map<String, Object> graphPaths(int k) {
    return graph().pathsReport(Visibility.everything(), k);
  }

  @Override
  public Map<String, Object> graphBlast(String state, int limit) {
    return graph().blastReport(Visibility.everything(), state, limit);
  }

  @Override
  public Map<String, Object> graphChokePoints(int n) {
    return graph().chokePointsReport(Visibility.everything(), n);
  }

  @Override
  public Map<String, Object> graphWhatIf(List<String> fix, List<String> removeFlow) {
    return graph().whatIfReport(Visibility.everything(), fix, removeFlow);
  }

  @Override
  public String scopeExport() {
    return new ScopeStore(db, new Rescorer(db)).export();
  }

  @Override
  public Map<String, Object> scopeApply(String yaml, String file, ScopeApplyMode mode) {
    ScopeApplyResult r;
    try {
      r = new ScopeStore(db, new Rescorer(db)).apply(yaml, file, operator, mode.dryRun(), mode.allowEmpty());
    } catch (ScopeFileException | IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("dryRun", r.dryRun());
    o.put("version", r.version());
    o.put("changes", r.changes().stream().map(ScopeChange::description).toList());
    o.put("assetsEvaluated", r.assetsEvaluated());
    o.put("assetsChanged", r.assetsChanged());
    o.put("shadowIt", r.shadowIt());
    o.put("exposuresRescored", r.exposuresRescored());
    return o;
  }

  @Override
  public int accept(long exposureId, Acceptance acceptance) {
    refusing(() -> new Decisions(db).accept(exposureId, acceptance, actor, Instant.now()));
    return 1;
  }

  @Override
  public int acceptFixGroup(String key, Acceptance acceptance) {
    Instant now = Instant.now();
    FixGroup g = new FixGroups(db, slas()).find(Visibility.everything(), key, now)
        .orElseThrow(() -> new Refused("no fix group " + key + " with active exposures"));
    int[] accepted = new int[1];
    refusing(() -> accepted[0] = new Decisions(db).acceptFixGroup(g, acceptance, actor, now));
    return accepted[0];
  }

  @Override
  public void falsePositive(long exposureId, String reason, String by) {
    refusing(() -> new Decisions(db).falsePositive(exposureId, reason, by == null || by.isBlank() ? actor : Actor.system(by), Instant.now()));
  }

  @Override
  public Map<String, Object> mobilise(Delivery delivery) {
    Instant now = Instant.now();
    MobilisationConfig config = MobilisationConfig.fromEnvironment(db);
    MobilisationCycle.Result r = config.cycle(db, slas()).run(operator, now);
    Outbox.Delivery d = delivery == Delivery.QUEUE_ONLY ? new Outbox.Delivery(0, 0, 0)
        : new Outbox(db).deliverDue(config.dispatcher(), now, 500);
    return MobilisationConfig.summary(r, d);
  }

  private Slas slas() {
    return new Slas(db, SlaPolicyFile.fromEnvironment());
  }

  private GraphService graph() {
    return new GraphService(db, new Rescorer(db));
  }

  /** A decision the store refuses (unknown exposure, a requester approving their own acceptance). */
  private static void refusing(Runnable change) {
    try {
      change.run();
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
  }

  // ---- administration

  @Override
  public List<Map<String, Object>> users() {
    return accounts().list().stream().map(Account::view).toList();
  }

  @Override
  public Map<String, Object> createUser(NewUser u) {
    String hash = u.password() == null ? null : hash(u.username(), u.password());
    return accounts().create(new Accounts.NewAccount(u.username(), null, u.email(), Role.parse(u.role()), hash, null,
        null, u.serviceAccount()), actor, Instant.now()).view();
  }

  @Override
  public Map<String, Object> changeUser(String username, UserChange change) {
    Accounts accounts = accounts();
    Instant now = Instant.now();
    Account a = accounts.find(username).orElseThrow(() -> new Refused("no account named '" + username + "'"));
    if (change.role() != null) {
      a = accounts.setRole(a.username(), Role.parse(change.role()), actor, now);
    }
    if (change.disabled() != null) {
      a = accounts.setDisabled(a.username(), change.disabled(), actor, now);
    }
    if (change.password() != null) {
      a = accounts.setPasswordHash(a.username(), hash(a.username(), change.password()), actor, now);
    }
    return a.view();
  }

  private static String hash(String username, String password) {
    Passwords.check(username, password);
    return Passwords.encoder().encode(password);
  }

  @Override
  public List<Accounts.Team> teams() {
    return accounts().teams();
  }

  @Override
  public Accounts.Team createTeam(String name) {
    return accounts().createTeam(name, null, actor, Instant.now());
  }

  @Override
  public Accounts.Team addMember(String team, String username) {
    return accounts().addMember(team, username, actor, Instant.now());
  }

  @Override
  public Accounts.Team removeMember(String team, String username) {
    return accounts().removeMember(team, username, actor, Instant.now());
  }

  @Override
  public Accounts.Team grant(String team, String service) {
    return accounts().grant(team, service, actor, Instant.now());
  }

  @Override
  public Accounts.Team revoke(String team, String service) {
    return accounts().revoke(team, service, actor, Instant.now());
  }

  @Override
  public List<Map<String, Object>> tokens(String username) {
    long userId = username == null ? 0 : account(username).id();
    Instant now = Instant.now();
    return new ApiTokens(db).list(userId).stream().map(t -> t.view(now)).toList();
  }

  @Override
  public Map<String, Object> createToken(TokenRequest request) {
    Instant now = Instant.now();
    java.util.Set<ApiTokens.Scope> scopes = java.util.EnumSet.noneOf(ApiTokens.Scope.class);
    request.scopes().forEach(s -> scopes.add(ApiTokens.Scope.parse(s)));
    ApiTokens.Issued t = new ApiTokens(db).issue(account(request.username()), request.name(), scopes,
        now.plus(Duration.ofDays(request.days())), actor, now);
    Map<String, Object> out = new LinkedHashMap<>(t.token().view(now));
    out.put("token", t.secret());
    return out;
  }

  @Override
  public Map<String, Object> revokeToken(long id) {
    Instant now = Instant.now();
    return new ApiTokens(db).revoke(id, actor, now).view(now);
  }

  private Account account(String username) {
    return accounts().find(username).orElseThrow(() -> new Refused("no account named '" + username + "'"));
  }

  private Accounts accounts() {
    return new Accounts(db);
  }

  @Override
  public List<Map<String, Object>> audit(AuditLog.Query query) {
    return new AuditLog(db).find(query).stream().map(AuditLog.Event::view).toList();
  }

  @Override
  public AuditLog.Verification verifyAudit() {
    return new AuditLog(db).verify();
  }

  /** Pages through the trail as the server's export does, so the two files are alike. */
  @Override
  public void exportAudit(Instant since, Instant until, Path out) {
    AuditLog audit = new AuditLog(db);
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      long after = 0;
      while (true) {
        List<AuditLog.Event> page = audit.find(new AuditLog.Query(since, until, null, null, null, null, after, 5000));
        for (AuditLog.Event e : page) {
          w.write(Json.write(e.view()));
          w.newLine();
        }
        if (page.size() < 5000) {
          return;
        }
        after = page.get(page.size() - 1).seq();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot write: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Map<String, Object>> secrets() {
    return new Secrets(db, null).list();
  }

  @Override
  public void putSecret(String name, String value) {
    Secrets.fromEnvironment(db).put(name, value, actor, Instant.now());
  }

  @Override
  public void deleteSecret(String name) {
    new Secrets(db, null).delete(name, actor, Instant.now());
  }
}
