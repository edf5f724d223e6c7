package vigil.engine.risk;

/** Priority class of an exposure: P1 fix now … P4 fix when convenient. */
public enum Priority {
  P1,
  P2,
  P3,
  P4;

  /** The more urgent of two classes. */
  public Priority atLeast(Priority floor) {
    return floor.ordinal() < ordinal() ? floor : this;
  }
}
