/** Threat intelligence: feeds read from files (air-gapped first) and CVSS calculators. */
package vigil.intel;
