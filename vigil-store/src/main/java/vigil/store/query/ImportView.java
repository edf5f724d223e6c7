package vigil.store.query;

import java.time.Instant;

/** A past import with its counts. */
public record ImportView(
    long id,
    String file,
    String format,
    String tool,
    String sha256,
    String actor,
    Instant startedAt,
    Instant finishedAt,
    long observations,
    int assetsNew,
    int assetsMatched,
    int exposuresNew,
    int exposuresUnchanged,
    int exposuresReopened,
    int exposuresFixed) {}
