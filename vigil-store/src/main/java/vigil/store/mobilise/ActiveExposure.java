package vigil.store.mobilise;

import java.time.Instant;
import java.util.List;
import vigil.engine.mobilise.FixAction;
import vigil.engine.mobilise.SlaClock;
import vigil.engine.risk.Priority;

/** One open or reopened exposure with what mobilisation needs: its fix action, owner and SLA clock. */
record ActiveExposure(long id, long assetId, String assetName, String weaknessTitle, FixAction action,
    double risk, Priority priority, Instant firstSeen, String environment, String owner,
    List<String> services, List<SlaClock.Transition> transitions) {}
