package vigil.store.mobilise;

import java.time.Instant;
import java.util.List;
import vigil.engine.mobilise.FixKind;
import vigil.engine.risk.Priority;

/**
 * Active exposures one action closes: how many, on how many assets, the risk the action removes,
 * who owns them, the most urgent priority and the earliest SLA due date.
 */
public record FixGroup(String key, String title, FixKind kind, int exposures, int assets, double riskRemoved,
    List<String> owners, Priority maxPriority, Instant slaDue, List<Long> exposureIds) {}
