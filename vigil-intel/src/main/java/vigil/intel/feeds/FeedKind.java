package vigil.intel.feeds;

/** Which feed a file belongs to. */
public enum FeedKind {
  /** CISA Known Exploited Vulnerabilities catalog (JSON or CSV). */
  KEV,
  /** FIRST Exploit Prediction Scoring System daily scores (CSV). */
  EPSS,
  /** NVD CVE API 2.0 response (JSON). */
  NVD,
  /** CISA ADP vulnrichment: CVE JSON 5 records or the flat SSVC table. */
  VULNRICHMENT,
  /** MITRE ATT&amp;CK Enterprise STIX bundle. */
  ATTACK,
  /** MITRE CAPEC STIX bundle or the CAPEC → CWE → ATT&amp;CK table. */
  CAPEC
}
