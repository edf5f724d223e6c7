/** NVD CVE records from an NVD CVE API 2.0 response page (JSON). */
package vigil.intel.feeds.nvd;
