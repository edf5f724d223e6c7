package vigil.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vigil.store.query.AssetQueries;
import vigil.store.query.AssetView;
import vigil.store.query.Page;
import vigil.store.security.Actor;

/** The asset inventory, as far as the caller sees it. */
@RestController
@RequestMapping("/api/v1/assets")
class AssetsController {
  private final AssetQueries queries;

  AssetsController(AssetQueries queries) {
    this.queries = queries;
  }

  @GetMapping
  Page<AssetView> list(
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String search,
      @RequestParam(required = false) String scope,
      @RequestParam(defaultValue = "false") boolean shadow,
      @RequestParam(defaultValue = "name") String sort,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(defaultValue = "0") int offset,
      Actor actor) {
    return queries.list(actor.visibility(), kind, search, shadow ? "shadow-it" : scope, sort, limit, offset);
  }

  /** One asset's correlation trail: every sighting and why it was attached. 404 for an asset not visible. */
  @GetMapping("/{id}/merges")
  Map<String, Object> merges(@PathVariable long id, Actor actor) {
    List<Map<String, Object>> merges = queries.merges(actor.visibility(), id);
    if (merges.isEmpty()) {
      throw new ApiErrors.NotFound("asset " + id);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("assetId", id);
    out.put("items", merges);
    out.put("total", merges.size());
    return out;
  }
}
