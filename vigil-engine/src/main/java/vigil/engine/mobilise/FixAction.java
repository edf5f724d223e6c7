package vigil.engine.mobilise;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The one action that closes an exposure, and the key under which exposures closed by the same
 * action form a fix group. Upgrades group by component and fixed version (across hosts and images),
 * configuration findings by check, other findings by the scanner's solution text.
 */
public record FixAction(String key, FixKind kind, String title) {
  private static final int TITLE_MAX = 160;

  public FixAction {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
  }

  /**
   * The action for an exposure.
   *
   * @param component the affected package, or null
   * @param fixedVersion the version that fixes it, or null
   * @param misconfiguration whether the weakness is a configuration check
   * @param checkId the tool's check id (or CVE) of the weakness
   * @param weaknessTitle the weakness's title
   * @param solution the scanner's solution text, or null
   */
  public static FixAction of(String component, String fixedVersion, boolean misconfiguration, String checkId,
      String weaknessTitle, String solution) {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(weaknessTitle, "weaknessTitle");
    if (present(component) && present(fixedVersion)) {
      String c = component.trim();
      String v = fixedVersion.trim();
      return new FixAction("upgrade:" + c.toLowerCase(Locale.ROOT) + "@" + v, FixKind.UPGRADE,
          cut("Upgrade " + c + " to " + v));
    }
    if (misconfiguration) {
      return new FixAction("config:" + checkId, FixKind.CONFIGURATION, cut("Fix configuration: " + weaknessTitle));
    }
    if (present(solution)) {
      // Whitespace and case differ between plugins quoting the same advisory; the action does not.
      String normal = solution.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
      return new FixAction("patch:" + sha256(normal).substring(0, 16), FixKind.PATCH,
          cut(solution.trim().lines().findFirst().orElse(weaknessTitle)));
    }
    return new FixAction("weakness:" + checkId, FixKind.WEAKNESS, cut("Fix: " + weaknessTitle));
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static String cut(String s) {
    return s.length() <= TITLE_MAX ? s : s.substring(0, TITLE_MAX - 1) + "…";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
