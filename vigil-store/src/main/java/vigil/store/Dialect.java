package vigil.store;

/** The few places where H2 and PostgreSQL SQL differ. */
public enum Dialect {
  H2,
  POSTGRES;

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new IllegalArgumentException("unsupported database URL (H2 or PostgreSQL): " + jdbcUrl.replaceAll("\\?.*", ""));
  }

  /** A query returning the next value of a sequence. */
  public String nextValue(String sequence) {
    return this == H2 ? "SELECT NEXT VALUE FOR " + sequence : "SELECT nextval('" + sequence + "')";
  }
}
