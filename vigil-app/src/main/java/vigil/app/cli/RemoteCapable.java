package vigil.app.cli;

/**
 * A command that works with {@code vigil --server URL}: through a {@link Backend}, or without any
 * store. Any other command refuses to run when a server is named, rather than silently using the
 * local store.
 */
interface RemoteCapable {}
