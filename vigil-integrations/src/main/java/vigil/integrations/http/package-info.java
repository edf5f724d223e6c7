/**
 * JSON over HTTP for the integrations: {@link vigil.integrations.http.RestClient} (JDK {@code
 * HttpClient} with timeouts, no redirects, bounded bodies, failures as {@link
 * vigil.integrations.IntegrationException} with secrets removed) and {@link
 * vigil.integrations.http.HttpAuth}.
 */
package vigil.integrations.http;
