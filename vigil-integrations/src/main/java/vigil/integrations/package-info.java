/**
 * Mobilisation's outbound half: ticket systems ({@code ticket}), notification channels
 * ({@code notify}) and the outbox dispatcher ({@code delivery}) that delivers both with retries.
 * Shared here: {@link vigil.integrations.IntegrationException}, {@link vigil.integrations.Secret},
 * {@link vigil.integrations.Redaction} and {@link vigil.integrations.Settings}.
 */
package vigil.integrations;
