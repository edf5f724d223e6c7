package vigil.store.query;

import java.time.Instant;
import java.util.List;
import vigil.engine.risk.RiskScore;

/**
 * An exposure as listed: what is wrong, where, how bad, and its state.
 *
 * @param risk the stored risk score (0–100), null before the first scoring
 * @param explanation the factors behind the risk, when the listing asked for them
 */
public record ExposureView(
    long id,
    long assetId,
    String assetName,
    String weakness,
    String checkId,
    String kind,
    String title,
    List<String> cves,
    String severity,
    String status,
    Integer port,
    String protocol,
    String component,
    String componentVersion,
    String fixedVersion,
    String path,
    String cvssV3,
    String cvssV4,
    List<String> tools,
    Instant firstSeen,
    Instant lastSeen,
    Double risk,
    String priority,
    Double epss,
    RiskScore explanation) {

  public ExposureView withExplanation(RiskScore e) {
    return new ExposureView(id, assetId, assetName, weakness, checkId, kind, title, cves, severity, status, port, protocol,
        component, componentVersion, fixedVersion, path, cvssV3, cvssV4, tools, firstSeen, lastSeen, risk, priority, epss, e);
  }
}
