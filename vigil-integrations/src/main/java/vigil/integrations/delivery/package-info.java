/**
 * The outbox's delivery contract. The store keeps {@link vigil.integrations.delivery.OutboxMessage}s,
 * written in the same transaction as the change they announce; a worker hands each due message to
 * {@link vigil.integrations.delivery.Dispatcher#dispatch}, which delivers it through its target
 * ({@link vigil.integrations.delivery.Targets}) and says what to store next: delivered, retry at a
 * time ({@link vigil.integrations.delivery.RetryPolicy}: exponential back-off with jitter, capped,
 * honouring {@code Retry-After}), or failed for good. Nothing here touches a database.
 */
package vigil.integrations.delivery;
