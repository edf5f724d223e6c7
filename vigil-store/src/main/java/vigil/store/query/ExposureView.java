package vigil.store.query;

import java.time.Instant;
import java.util.List;

/** An exposure as listed: what is wrong, where, how bad, and its state. */
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
    Instant lastSeen) {}
