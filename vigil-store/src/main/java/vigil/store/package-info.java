/**
 * Persistence on H2 (embedded default) and PostgreSQL: Flyway migrations, the bulk import writer
 * and the read queries. SQL is written by hand and batched; no ORM.
 */
package vigil.store;
