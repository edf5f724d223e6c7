package vigil.app.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.security.Passwords;
import vigil.store.security.Account;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.ApiTokens;
import vigil.store.security.AuditLog;
import vigil.store.security.Role;
import vigil.store.security.Secrets;

/**
 * Administration (role admin only, see SecurityConfig): accounts, teams and grants, all tokens,
 * integration secrets (write-only), the audit trail.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Accounts accounts;
  private final ApiTokens tokens;
  private final AuditLog audit;
  private final Secrets secrets;
  private final PasswordEncoder encoder;
  private final Clock clock;

  AdminController(Accounts accounts, ApiTokens tokens, AuditLog audit, Secrets secrets, PasswordEncoder encoder,
      Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.audit = audit;
    this.secrets = secrets;
    this.encoder = encoder;
    this.clock = clock;
  }

  @GetMapping("/users")
  Map<String, Object> users() {
    List<Map<String, Object>> items = accounts.list().stream().map(Account::view).toList();
    return Map.of("items", items, "total", items.size());
  }

  /** A new account; without a password it signs in only by single sign-on or tokens (service accounts). */
  /**
   * A new account. {@code oidcIssuer} and {@code oidcSubject} (both or neither) link it in advance
   * to a single sign-on identity, for providers where accounts are not provisioned on first sign-in.
   */
  record NewUser(String username, String role, String password, String email, String displayName,
      Boolean serviceAccount, String oidcIssuer, String oidcSubject) {}

  @PostMapping("/users")
  ResponseEntity<Map<String, Object>> createUser(@RequestBody NewUser body, Actor actor) {
    String hash = null;
    if (body.password() != null) {
      Passwords.check(body.username(), body.password());
      hash = encoder.encode(body.password());
    }
    boolean issuer = body.oidcIssuer() != null && !body.oidcIssuer().isBlank();
    boolean subject = body.oidcSubject() != null && !body.oidcSubject().isBlank();
    if (issuer != subject) {
      throw new IllegalArgumentException("a single sign-on link needs both oidcIssuer and oidcSubject");
    }
    if (issuer && accounts.findOidc(body.oidcIssuer(), body.oidcSubject()).isPresent()) {
      throw new IllegalArgumentException("that single sign-on identity is linked to another account");
    }
    Account a = accounts.create(new Accounts.NewAccount(body.username(), body.displayName(), body.email(),
        Role.parse(body.role()), hash, issuer ? body.oidcIssuer() : null, subject ? body.oidcSubject() : null,
        Boolean.TRUE.equals(body.serviceAccount())), actor, clock.instant());
    return ResponseEntity.status(HttpStatus.CREATED).body(a.view());
  }

  record UserChange(String role, Boolean disabled, String password) {}

  @PatchMapping("/users/{username}")
  Map<String, Object> changeUser(@PathVariable String username, @RequestBody UserChange body, Actor actor) {
    Instant now = clock.instant();
    Account a = accounts.find(username).orElseThrow(() -> new ApiErrors.NotFound("account " + username));
    if (a.id() == actor.userId() && (Boolean.TRUE.equals(body.disabled())
        || body.role() != null && Role.parse(body.role()) != Role.ADMIN)) {
      throw new IllegalArgumentException("administrators cannot disable or demote themselves");
    }
    if (body.role() != null) {
      a = accounts.setRole(a.username(), Role.parse(body.role()), actor, now);
    }
    if (body.disabled() != null) {
      a = accounts.setDisabled(a.username(), body.disabled(), actor, now);
    }
    if (body.password() != null) {
      Passwords.check(a.username(), body.password());
      a = accounts.setPasswordHash(a.username(), encoder.encode(body.password()), actor, now);
    }
    return a.view();
  }

  @GetMapping("/teams")
  Map<String, Object> teams() {
    List<Accounts.Team> items = accounts.teams();
    return Map.of("items", items, "total", items.size());
  }

  record NewTeam(String name, String description) {}

  @PostMapping("/teams")
  ResponseEntity<Accounts.Team> createTeam(@RequestBody NewTeam body, Actor actor) {
    return ResponseEntity.status(HttpStatus.CREATED).body(accounts.createTeam(body.name(), body.description(), actor,
        clock.instant()));
  }

  @PutMapping("/teams/{team}/members/{username}")
  Accounts.Team addMember(@PathVariable String team, @PathVariable String username, Actor actor) {
    return accounts.addMember(team, username, actor, clock.instant());
  }

  @DeleteMapping("/teams/{team}/members/{username}")
  Accounts.Team removeMember(@PathVariable String team, @PathVariable String username, Actor actor) {
    return accounts.removeMember(team, username, actor, clock.instant());
  }

  /** Grants a business service to a team ({@code *}: everything). */
  @PutMapping("/teams/{team}/grants/{service}")
  Accounts.Team grant(@PathVariable String team, @PathVariable String service, Actor actor) {
    return accounts.grant(team, service, actor, clock.instant());
  }

  @DeleteMapping("/teams/{team}/grants/{service}")
  Accounts.Team revoke(@PathVariable String team, @PathVariable String service, Actor actor) {
    return accounts.revoke(team, service, actor, clock.instant());
  }

  @GetMapping("/tokens")
  Map<String, Object> allTokens() {
    Instant now = clock.instant();
    List<Map<String, Object>> items = tokens.list(0).stream().map(t -> t.view(now)).toList();
    return Map.of("items", items, "total", items.size());
  }

  /** A token for any account (typically a service account); shown once. */
  @PostMapping("/tokens")
  ResponseEntity<Map<String, Object>> createToken(@RequestBody SessionController.TokenRequest body, Actor actor) {
    Account owner = accounts.find(body.username()).orElseThrow(() -> new ApiErrors.NotFound("account " + body.username()));
    return ResponseEntity.status(HttpStatus.CREATED).body(SessionController.issued(tokens, owner, body, actor,
        clock.instant()));
  }

  @DeleteMapping("/tokens/{id}")
  Map<String, Object> revokeToken(@PathVariable long id, Actor actor) {
    tokens.find(id).orElseThrow(() -> new ApiErrors.NotFound("token " + id));
    return tokens.revoke(id, actor, clock.instant()).view(clock.instant());
  }

  /** Stored secrets: names, key ids, dates and who set them; never values. */
  @GetMapping("/secrets")
  Map<String, Object> secrets() {
    List<Map<String, Object>> items = secrets.list();
    return Map.of("items", items, "total", items.size(), "keyConfigured", secrets.configured());
  }

  /** A secret's new value; its toString never shows it (request logging at DEBUG prints bodies). */
  record SecretValue(String value) {
    @Override
    public String toString() {
      return "SecretValue[value=(redacted)]";
    }
  }

  /** Stores or replaces a secret, encrypted with VIGIL_SECRET_KEY; answers its metadata, not its value. */
  @PutMapping("/secrets/{name}")
  ResponseEntity<Map<String, Object>> putSecret(@PathVariable String name, @RequestBody SecretValue body, Actor actor) {
    if (!secrets.configured()) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "no encryption key for secrets: set "
          + Secrets.KEY_VARIABLE + " (32 bytes, base64) and restart"));
    }
    if (body == null || body.value() == null || body.value().isEmpty()) {
      throw new IllegalArgumentException("the body must be {\"value\": \"...\"} with a non-empty value");
    }
    secrets.put(name, body.value(), actor, clock.instant());
    return ResponseEntity.ok(secret(name));
  }

  @DeleteMapping("/secrets/{name}")
  ResponseEntity<Void> deleteSecret(@PathVariable String name, Actor actor) {
    secret(name);
    secrets.delete(name, actor, clock.instant());
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> secret(String name) {
    return secrets.list().stream().filter(m -> name.equals(m.get("name"))).findFirst()
        .orElseThrow(() -> new ApiErrors.NotFound("secret " + name));
  }

  /** The audit trail, oldest first; page with {@code after} (the last seq seen). */
  @GetMapping("/audit")
  Map<String, Object> audit(@RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until,
      @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
      @RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
      @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
    List<AuditLog.Event> events = audit.find(new AuditLog.Query(since, until, actor, action, targetType, targetId, after,
        limit));
    return Map.of("items", events.stream().map(AuditLog.Event::view).toList(), "total", events.size(),
        "next", events.isEmpty() ? after : events.get(events.size() - 1).seq());
  }

  /** The whole trail (or a time range) as JSON lines, streamed in pages, for archiving or a SIEM. */
  @GetMapping(path = "/audit/export", produces = "application/x-ndjson")
  void export(@RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until,
      HttpServletResponse response) throws IOException {
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"vigil-audit.jsonl\"");
    PrintWriter out = response.getWriter();
    long after = 0;
    while (true) {
      List<AuditLog.Event> page = audit.find(new AuditLog.Query(since, until, null, null, null, null, after, 5000));
      for (AuditLog.Event e : page) {
        out.println(JSON.writeValueAsString(e.view()));
      }
      if (page.size() < 5000) {
        break;
      }
      after = page.get(page.size() - 1).seq();
    }
    out.flush();
  }

  /** Re-computes the hash chain: intact, or where it breaks. */
  @GetMapping("/audit/verify")
  AuditLog.Verification verify() {
    return audit.verify();
  }
}
