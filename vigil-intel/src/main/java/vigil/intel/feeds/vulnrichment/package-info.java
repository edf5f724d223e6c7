/**
 * CISA ADP "vulnrichment": SSVC decision points, KEV date, CVSS vectors and CWEs per CVE, from
 * CVE JSON 5 records (a JSON array) or from the flat per-CVE SSVC table (TSV).
 */
package vigil.intel.feeds.vulnrichment;
