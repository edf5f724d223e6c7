package vigil.store.mobilise;

import java.time.Instant;
import vigil.engine.risk.Priority;

/** One active exposure's SLA: when it falls due and whether it is breached. */
public record SlaStatus(long exposureId, String asset, String title, Priority priority, String owner,
    Instant firstSeen, Instant due, boolean breached) {}
