package vigil.store.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An asset as listed: identity, identifiers, attributes and how many active exposures it has. */
public record AssetView(
    long id,
    String kind,
    String name,
    List<String> identifiers,
    Map<String, String> attributes,
    Instant firstSeen,
    Instant lastSeen,
    long activeExposures,
    List<String> tools) {}
