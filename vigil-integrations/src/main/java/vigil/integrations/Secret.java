package vigil.integrations;

import java.util.Objects;

/**
 * A credential (API token, password, webhook URL, signing key) that never prints itself: {@link
 * #toString()} is redacted, so a secret that ends up in a log line or exception message by
 * accident shows as {@code ***}. Read the value with {@link #reveal()} only where it is sent.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return Redaction.MASK;
  }
}
