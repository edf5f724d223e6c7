/**
 * Safe re-checks of stored exposures: is the service still reachable, does it still show the
 * vulnerable version. Only a TCP connect, a TLS handshake and one HTTP GET of "/"; never an exploit.
 * Entry point: {@link vigil.discovery.recheck.Rechecker}.
 */
package vigil.discovery.recheck;
