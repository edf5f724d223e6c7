package vigil.store.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An asset as listed: identity, identifiers, attributes, how many active exposures it has, and
 * its scope: status (in-scope, out-of-scope, shadow-it), services, environment, criticality,
 * owner, crown jewel, and why.
 *
 * @param seenBy the imports that saw it, as "tool: file" (first five), for shadow-IT triage
 */
public record AssetView(
    long id,
    String kind,
    String name,
    List<String> identifiers,
    Map<String, String> attributes,
    Instant firstSeen,
    Instant lastSeen,
    long activeExposures,
    List<String> tools,
    String scopeStatus,
    List<String> services,
    String environment,
    Integer criticality,
    String owner,
    boolean crownJewel,
    Boolean internetFacing,
    String scopeExplanation,
    List<String> seenBy) {}
