package vigil.engine.mobilise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixActionTest {
  @Test
  void sameComponentAndFixedVersionIsOneUpgradeWhateverTheCve() {
    FixAction a = FixAction.of("openssl", "1.1.1w", false, "CVE-2023-5678", "OpenSSL DoS", "Upgrade");
    FixAction b = FixAction.of("OpenSSL", "1.1.1w", false, "CVE-2023-3817", "OpenSSL slow DH", null);
    assertThat(a.key()).isEqualTo(b.key());
    assertThat(a.kind()).isEqualTo(FixKind.UPGRADE);
    assertThat(a.title()).isEqualTo("Upgrade openssl to 1.1.1w");
  }

  @Test
  void differentFixedVersionsAreDifferentActions() {
    assertThat(FixAction.of("openssl", "1.1.1w", false, "c", "t", null).key())
        .isNotEqualTo(FixAction.of("openssl", "3.0.12", false, "c", "t", null).key());
  }

  @Test
  void sameSolutionTextGroupsDifferentChecksIgnoringWhitespaceAndCase() {
    FixAction a = FixAction.of(null, null, false, "nessus:1", "A", "Apply  the vendor patch\nKB123.");
    FixAction b = FixAction.of(null, null, false, "nessus:2", "B", "apply the vendor patch KB123.");
    assertThat(a.key()).isEqualTo(b.key()).startsWith("patch:");
    assertThat(a.kind()).isEqualTo(FixKind.PATCH);
    assertThat(a.title()).isEqualTo("Apply  the vendor patch");
  }

  @Test
  void misconfigurationGroupsByCheckEvenWithSolutionText() {
    FixAction a = FixAction.of(null, null, true, "trivy:KSV001", "Privileged container", "Set privileged: false");
    assertThat(a.key()).isEqualTo("config:trivy:KSV001");
    assertThat(a.kind()).isEqualTo(FixKind.CONFIGURATION);
  }

  @Test
  void withoutAnyActionTheWeaknessIsItsOwnGroup() {
    FixAction a = FixAction.of("lib", null, false, "CVE-1", "Bug", " ");
    assertThat(a.key()).isEqualTo("weakness:CVE-1");
    assertThat(a.kind()).isEqualTo(FixKind.WEAKNESS);
  }
}
