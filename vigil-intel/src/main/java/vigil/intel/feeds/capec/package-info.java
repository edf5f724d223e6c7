/**
 * MITRE CAPEC attack patterns with their CWE and ATT&amp;CK links, from the STIX 2.1 bundle or the
 * flat mapping table, and {@link vigil.intel.feeds.capec.CweAttackMap} to walk CWE → CAPEC →
 * ATT&amp;CK.
 */
package vigil.intel.feeds.capec;
