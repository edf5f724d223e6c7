package vigil.integrations.testing;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import vigil.integrations.notify.Notification;

/** One notification of each kind, with the values the payload fixtures expect. */
public final class Samples {
  public static final Instant T0 = Instant.parse("2025-01-31T14:05:00Z");

  private Samples() {}

  public static Notification.NewP1Exposure newP1() {
    return new Notification.NewP1Exposure("exp-7", "OpenSSL X.400 type confusion (CVE-2023-0286)",
        "web-01.acme.internal", "CVE-2023-0286", 92.5, "KEV listed; internet-facing; crown jewel",
        "team-web", URI.create("https://vigil.acme.internal/exposures/exp-7"));
  }

  public static Notification.SlaBreach slaBreach() {
    return new Notification.SlaBreach("fg-42", "Upgrade OpenSSL on the web tier", "team-web", "P1",
        Instant.parse("2025-01-30T00:00:00Z"), 3, URI.create("https://vigil.acme.internal/fix-groups/fg-42"));
  }

  public static Notification.SlaNearBreach slaNearBreach() {
    return new Notification.SlaNearBreach("fg-42", "Upgrade OpenSSL on the web tier", null, "P1",
        Instant.parse("2025-02-01T00:00:00Z"), 3, URI.create("https://vigil.acme.internal/fix-groups/fg-42"));
  }

  public static Notification.AcceptanceExpiring acceptanceExpiring() {
    return new Notification.AcceptanceExpiring("acc-3", "TLS 1.0 enabled", "legacy-01.acme.internal",
        "ciso@acme.example", Instant.parse("2025-02-07T00:00:00Z"), null);
  }

  public static Notification.FixVerified fixVerified() {
    return new Notification.FixVerified("fg-42", "Upgrade OpenSSL on the web tier", 3, "nessus import 118",
        T0, URI.create("https://vigil.acme.internal/fix-groups/fg-42"));
  }

  public static Notification.ShadowItFound shadowIt() {
    return new Notification.ShadowItFound("203.0.113.77", List.of("ip:203.0.113.77", "fqdn:old-shop.acme.example"),
        "nmap", T0, URI.create("https://vigil.acme.internal/assets/a-99"));
  }

  public static List<Notification> all() {
    return List.of(newP1(), slaBreach(), slaNearBreach(), acceptanceExpiring(), fixVerified(), shadowIt());
  }
}
