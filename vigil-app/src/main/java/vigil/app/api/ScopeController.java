package vigil.app.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vigil.engine.scope.ScopeChange;
import vigil.engine.scope.ScopeFileException;
import vigil.store.scope.ScopeApplyResult;
import vigil.store.scope.ScopeStore;
import vigil.store.security.Actor;

/** The declarative scope over HTTP: GET exports the scope file, PUT applies one. */
@RestController
@RequestMapping("/api/v1/scope")
class ScopeController {
  private final ScopeStore scope;

  ScopeController(ScopeStore scope) {
    this.scope = scope;
  }

  @GetMapping(produces = "application/yaml")
  String export() {
    return scope.export();
  }

  /** Applies a scope file sent as the body; {@code dryRun=true} only reports the changes. 422 for a bad file. */
  @PutMapping(consumes = {"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN_VALUE})
  Map<String, Object> apply(@RequestBody String yaml, @RequestParam(defaultValue = "false") boolean dryRun,
      @RequestParam(defaultValue = "false") boolean allowEmpty, Actor actor) throws ScopeFileException {
    ScopeApplyResult r = scope.apply(yaml, "scope.yaml", actor.name(), dryRun, allowEmpty);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", r.dryRun());
    out.put("version", r.version());
    out.put("changes", r.changes().stream().map(ScopeChange::description).toList());
    out.put("assetsEvaluated", r.assetsEvaluated());
    out.put("assetsChanged", r.assetsChanged());
    out.put("shadowIt", r.shadowIt());
    out.put("exposuresRescored", r.exposuresRescored());
    return out;
  }

  @ExceptionHandler(ScopeFileException.class)
  ResponseEntity<Map<String, Object>> refused(ScopeFileException e) {
    return ResponseEntity.status(422).body(Map.of("error", e.getMessage()));
  }
}
