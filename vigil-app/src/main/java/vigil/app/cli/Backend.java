package vigil.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import vigil.app.imports.ImportReport;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.Metrics;
import vigil.store.mobilise.SlaStatus;
import vigil.store.query.AssetView;
import vigil.store.query.ExposureView;
import vigil.store.query.ImportView;
import vigil.store.query.Page;
import vigil.store.security.Accounts;
import vigil.store.security.AuditLog;

/**
 * What the data and administration commands run against: the local store ({@link LocalBackend})
 * or a remote server's REST API ({@link RemoteBackend}, with {@code vigil --server URL}). Both
 * return the same types, so a command prints the same output either way.
 */
interface Backend extends AutoCloseable {

  /** The one place the choice is made: the server of the root command's options, else the local store. */
  static Backend open(CommandSpec spec) {
    VigilCommand root = (VigilCommand) spec.root().userObject();
    Server server = root.server();
    return server == null ? new LocalBackend(Store.open()) : new RemoteBackend(server);
  }

  /** Input the store or the server refused (a scanner file, a scope file, an unknown id): one line for the user. */
  final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  @Override
  void close();

  // ---- the exposure management loop

  /** Imports one file; {@link Refused} when the file is refused (nothing stored). */
  ImportReport importFile(Path file, ScanFileOptions options);

  Page<ImportView> imports(int limit, int offset);

  Page<AssetView> assets(String kind, String search, String scope, String sort, int limit, int offset);

  /** Exposures by the labels of {@code vigil exposures}; with explanations when {@code explain}. */
  Page<ExposureView> exposures(ExposureQuery query);

  /** The parameters of {@code vigil exposures} as the CLI and the API name them. */
  record ExposureQuery(List<String> status, List<String> severity, Long asset, String cve, String tool,
      String search, String sort, int limit, int offset, boolean explain) {}

  /** A listing without paging: the total and the first items. */
  record Listing<T>(long total, List<T> items) {}

  Listing<FixGroup> fixes(int limit);

  /** SLA status of every active exposure, only the breached ones, or those due within a duration. */
  List<SlaStatus> sla(SlaSelection selection);

  /** Which SLA statuses: all (both null/false), breached, or due within. */
  record SlaSelection(boolean breached, Duration dueWithin) {}

  /** Takes today's metric snapshot and returns every series. */
  List<Metrics.Point> metrics();

  Map<String, Object> graphPaths(int k);

  Map<String, Object> graphBlast(String state, int limit);

  Map<String, Object> graphChokePoints(int n);

  Map<String, Object> graphWhatIf(List<String> fix, List<String> removeFlow);

  String scopeExport();

  /** Applies a scope file; the result as {@code vigil scope apply --json} prints it (without "file"). */
  Map<String, Object> scopeApply(String yaml, String file, ScopeApplyMode mode);

  /** How to apply a scope file. */
  record ScopeApplyMode(boolean dryRun, boolean allowEmpty) {}

  /** Accepts one exposure's risk; the number of exposures accepted. */
  int accept(long exposureId, Acceptance acceptance);

  /** Accepts the risk of every active exposure of a fix group; how many. */
  int acceptFixGroup(String key, Acceptance acceptance);

  void falsePositive(long exposureId, String reason, String by);

  /** One mobilisation pass and outbox delivery; the summary {@code vigil mobilise --json} prints. */
  Map<String, Object> mobilise(Delivery delivery);

  /** Whether a mobilisation pass delivers the due outbox messages or only queues them. */
  enum Delivery { DELIVER, QUEUE_ONLY }

  // ---- administration

  List<Map<String, Object>> users();

  /** A new account, as the admin API takes it. */
  record NewUser(String username, String role, String password, String email, boolean serviceAccount) {}

  Map<String, Object> createUser(NewUser user);

  /** A change to an account, as the admin API takes it; null fields stay as they are. */
  record UserChange(String role, Boolean disabled, String password) {}

  Map<String, Object> changeUser(String username, UserChange change);

  List<Accounts.Team> teams();

  Accounts.Team createTeam(String name);

  Accounts.Team addMember(String team, String username);

  Accounts.Team removeMember(String team, String username);

  Accounts.Team grant(String team, String service);

  Accounts.Team revoke(String team, String service);

  /** Every token, or one account's (username not null); never their secrets. */
  List<Map<String, Object>> tokens(String username);

  /** A token request, as the admin API takes it. */
  record TokenRequest(String username, String name, List<String> scopes, Integer days) {}

  /** Issues a token: the view plus {@code token}, the only time its secret is shown. */
  Map<String, Object> createToken(TokenRequest request);

  Map<String, Object> revokeToken(long id);

  /** Audit events, oldest first (see {@link AuditLog.Query}). */
  List<Map<String, Object>> audit(AuditLog.Query query);

  AuditLog.Verification verifyAudit();

  /** Writes the trail (or a time range) to a file as JSON lines. */
  void exportAudit(Instant since, Instant until, Path out);

  /** Names, key ids and dates of the stored secrets: never values. */
  List<Map<String, Object>> secrets();

  void putSecret(String name, String value);

  void deleteSecret(String name);
}
