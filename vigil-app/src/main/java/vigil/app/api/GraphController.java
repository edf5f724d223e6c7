package vigil.app.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vigil.engine.graph.DefinitionException;
import vigil.store.graph.GraphService;
import vigil.store.graph.TopologyStore;
import vigil.store.security.Actor;

/**
 * The attack graph over HTTP: the same reports as {@code vigil graph ...}, and the topology. A
 * caller who does not see everything gets the reports of the graph of what it sees ({@link
 * GraphService}).
 */
@RestController
@RequestMapping("/api/v1")
class GraphController {
  private final GraphService graph;
  private final TopologyStore topology;

  GraphController(GraphService graph, TopologyStore topology) {
    this.graph = graph;
    this.topology = topology;
  }

  @GetMapping("/graph/paths")
  Map<String, Object> paths(@RequestParam(defaultValue = "3") int k, Actor actor) {
    return graph.pathsReport(actor.visibility(), k);
  }

  @GetMapping("/graph/blast")
  Map<String, Object> blast(@RequestParam String state, @RequestParam(defaultValue = "50") int limit, Actor actor) {
    return graph.blastReport(actor.visibility(), state, limit);
  }

  @GetMapping("/graph/chokepoints")
  Map<String, Object> chokePoints(@RequestParam(defaultValue = "10") int n, Actor actor) {
    return graph.chokePointsReport(actor.visibility(), n);
  }

  /** Body: {"fix": [exposure ids], "removeFlow": [flow ids]}. */
  @PostMapping(path = "/graph/whatif", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> whatIf(@RequestBody WhatIfRequest request, Actor actor) {
    return graph.whatIfReport(actor.visibility(), request.fix() == null ? List.of() : request.fix(),
        request.removeFlow() == null ? List.of() : request.removeFlow());
  }

  record WhatIfRequest(List<String> fix, List<String> removeFlow) {}

  /** Applies a topology file sent as the body; 422 for a bad file. */
  @PutMapping(path = "/topology", consumes = {"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN_VALUE})
  TopologyStore.Applied applyTopology(@RequestBody String yaml, Actor actor) throws DefinitionException {
    return topology.apply(yaml, "topology.yaml", actor.name());
  }

  @ExceptionHandler(DefinitionException.class)
  ResponseEntity<Map<String, Object>> refused(DefinitionException e) {
    return ResponseEntity.status(422).body(Map.of("error", e.getMessage()));
  }
}
