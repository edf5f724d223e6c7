package vigil.discovery.recheck;

/** A re-check the scope guard refused: nothing was sent to the target. */
public final class RecheckRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RecheckRefused(String message) {
    super(message);
  }
}
