package vigil.engine.mobilise;

/** What one remediation action is: the unit a team is asked to do once. */
public enum FixKind {
  /** Upgrade one component to a fixed version, wherever it is installed. */
  UPGRADE,
  /** Apply the scanner's or vendor's stated solution. */
  PATCH,
  /** Change one configuration check's setting. */
  CONFIGURATION,
  /** No shared action known: the weakness itself. */
  WEAKNESS
}
