package vigil.app.api;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vigil.store.query.ExposureFilter;
import vigil.store.query.ExposureQueries;
import vigil.store.query.ExposureView;
import vigil.store.query.Page;
import vigil.store.risk.Rescorer;
import vigil.store.security.Actor;

/** Exposures: one weakness on one asset, with lifecycle status. */
@RestController
@RequestMapping("/api/v1/exposures")
class ExposuresController {
  private final ExposureQueries queries;
  private final Rescorer rescorer;

  ExposuresController(ExposureQueries queries, Rescorer rescorer) {
    this.queries = queries;
    this.rescorer = rescorer;
  }

  @GetMapping
  Page<ExposureView> list(
      @RequestParam(required = false) List<String> status,
      @RequestParam(required = false) List<String> severity,
      @RequestParam(required = false) Long asset,
      @RequestParam(required = false) String cve,
      @RequestParam(required = false) String tool,
      @RequestParam(required = false) String search,
      @RequestParam(defaultValue = "risk") String sort,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(defaultValue = "false") boolean explain,
      Actor actor) {
    Page<ExposureView> page = queries.list(actor.visibility(),
        ExposureFilter.fromLabels(status, severity, asset, cve, tool, search, sort, limit, offset));
    return explain ? queries.explained(page, rescorer) : page;
  }
}
