/**
 * Threat-intelligence feeds read from files, for air-gapped installs: each sub-package holds one
 * {@link vigil.intel.feeds.FeedReader} (KEV, EPSS, NVD, vulnrichment, ATT&amp;CK, CAPEC) that streams
 * typed records to a consumer and returns the file's {@link vigil.intel.feeds.FeedInfo}. Gzip is
 * detected from the content, never from the file name; a malformed file raises {@link
 * vigil.intel.feeds.FeedException} naming the file, the place and what was expected.
 */
package vigil.intel.feeds;
