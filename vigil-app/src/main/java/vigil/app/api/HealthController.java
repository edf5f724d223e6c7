package vigil.app.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vigil.store.Database;

/** Liveness and database reachability, for load balancers and monitoring. */
@RestController
class HealthController {
  private final Database db;

  HealthController(Database db) {
    this.db = db;
  }

  @GetMapping("/api/v1/health")
  ResponseEntity<Map<String, Object>> health() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("database", db.dialect().name().toLowerCase(java.util.Locale.ROOT));
    try (Connection c = db.connection()) {
      boolean ok = c.isValid(2);
      body.put("status", ok ? "up" : "down");
      return ResponseEntity.status(ok ? 200 : 503).body(body);
    } catch (SQLException e) {
      body.put("status", "down");
      return ResponseEntity.status(503).body(body);
    }
  }
}
