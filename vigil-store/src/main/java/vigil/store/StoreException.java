package vigil.store;

/** A database failure, with what Vigil was doing when it happened. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String doing, Throwable cause) {
    super(doing + ": " + cause.getMessage(), cause);
  }
}
