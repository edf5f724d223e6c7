package vigil.intel.ssvc;

/** SSVC Automatable v2.0.0: can an attacker reliably automate creating exploitation events (kill-chain steps 1-4)? */
public enum Automatable implements Labels.Labelled {
  NO("no"),
  YES("yes");

  private final String label;

  Automatable(String label) {
    this.label = label;
  }

  /** The value as SSVC's tables write it. */
  @Override
  public String label() {
    return label;
  }

  /** Parses a value case-insensitively. */
  public static Automatable parse(String text) {
    return Labels.parse(Automatable.class, "Automatable", text);
  }
}
