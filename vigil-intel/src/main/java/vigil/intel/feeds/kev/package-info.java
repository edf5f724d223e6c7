/** The CISA Known Exploited Vulnerabilities catalog, from its official JSON or CSV feed. */
package vigil.intel.feeds.kev;
