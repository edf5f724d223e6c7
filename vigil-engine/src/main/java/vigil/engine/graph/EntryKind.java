package vigil.engine.graph;

import java.util.Locale;

/** Where an attacker starts. */
public enum EntryKind {
  /** Anyone on the internet: network presence in the zone marked internet. */
  INTERNET,
  /** A VPN user: network presence in the VPN's zone. */
  VPN,
  /** A partner's network or account: network presence in the zone the partner reaches. */
  PARTNER,
  /** A phished user: code running as that user on their workstation, and the user's identity. */
  PHISHED_USER;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** "internet", "vpn", "partner", "phished-user"; {@code null} for anything else. */
  public static EntryKind fromLabel(String label) {
    for (EntryKind k : values()) {
      if (k.label().equalsIgnoreCase(label.trim())) {
        return k;
      }
    }
    return null;
  }
}
