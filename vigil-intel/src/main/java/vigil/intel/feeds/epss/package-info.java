/** FIRST EPSS daily scores (the full CSV file, gzipped or not). */
package vigil.intel.feeds.epss;
