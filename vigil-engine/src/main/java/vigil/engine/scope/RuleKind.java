package vigil.engine.scope;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import vigil.model.AssetKey;

/**
 * What a scope rule's pattern is written as and matched against. Each kind has one canonical
 * spelling ({@link #normalise}), so that two rules meaning the same thing compare equal and an
 * exported file reads back unchanged.
 */
public enum RuleKind {
  /**
   * An IPv4 or IPv6 network, "10.1.0.0/16" or "2001:db8::/32"; a bare address means one address
   * (/32, /128). Host bits after the prefix must be zero. Matches the asset's IP keys.
   */
  CIDR("cidr"),
  /** An inclusive address range, "10.31.112.21-10.31.112.29", of one family. Matches IP keys. */
  IP_RANGE("ipRange"),
  /**
   * "corp.example.com" matches that name and every name under it; "*.corp.example.com" matches
   * only names under it (any depth), not the name itself. Matches FQDN keys, case-insensitively.
   */
  DOMAIN("domain"),
  /**
   * A glob ({@code *} any run of characters, {@code ?} one character), case-insensitive. Without
   * a dot it matches short names: hostname and NetBIOS keys and the first label of FQDNs
   * ("qa3app*"); with a dot it matches whole FQDNs ("web-??.corp.example.com").
   */
  HOSTNAME("hostname"),
  /**
   * A cloud account, project or subscription id, exact and case-insensitive ("123456789012",
   * "acme-prod", an Azure subscription GUID). Matches the accounts {@link AssetFacts} carries.
   */
  CLOUD_ACCOUNT("cloudAccount"),
  /** "key=value" matches that tag; "key" matches the tag with any value. Case-insensitive. */
  TAG("tag"),
  /**
   * A container registry or a repository path in it, "registry.example.com" or "ghcr.io/acme";
   * matches image keys under it, whole segment by segment. Docker Hub is "docker.io".
   */
  REGISTRY("registry"),
  /**
   * A code-hosting organisation or group, "github.com/acme" or "gitlab.com/acme/platform"; matches
   * repository keys under it, whole segment by segment.
   */
  CODE_ORG("codeOrg"),
  /**
   * One named asset by one of its identifiers, "type:value" as {@link AssetKey#toString} writes it
   * ("fqdn:db1.corp.example.com", "cloud-id:i-0abc", "netbios:qa3app01"). Matches exactly.
   */
  ASSET("asset");

  private final String label;

  RuleKind(String label) {
    this.label = label;
  }

  /** The key that names this kind in a scope file ("cidr", "ipRange", …). */
  public String label() {
    return label;
  }

  /** The kind a scope file's key names, or {@code null}. */
  public static RuleKind fromLabel(String label) {
    for (RuleKind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    return null;
  }

  /** Every kind's label, for messages: "cidr, ipRange, …". */
  static String labels() {
    return Arrays.stream(values()).map(RuleKind::label).collect(Collectors.joining(", "));
  }

  /**
   * The canonical spelling of a pattern of this kind.
   *
   * @throws IllegalArgumentException naming the pattern and what is wrong with it
   */
  public String normalise(String pattern) {
    String p = pattern.trim();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty " + label + " pattern");
    }
    switch (this) {
      case CIDR:
        return cidr(p);
      case IP_RANGE:
        return ipRange(p);
      case DOMAIN:
        return domain(p);
      case HOSTNAME:
        return hostname(p);
      case CLOUD_ACCOUNT:
        return token(p, "cloud account id");
      case TAG:
        return tag(p);
      case REGISTRY:
        return registry(p);
      case CODE_ORG:
        return codeOrg(p);
      case ASSET:
        return asset(p);
      default:
        throw new AssertionError(this);
    }
  }

  private static String cidr(String p) {
    int slash = p.indexOf('/');
    String addressText = slash < 0 ? p : p.substring(0, slash);
    byte[] address = IpAddress.parse(addressText);
    if (address == null) {
      throw new IllegalArgumentException("'" + p + "' is not an IP address or network (expected e.g. 10.1.0.0/16 or 2001:db8::/32)");
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String prefixText = p.substring(slash + 1);
      if (!prefixText.matches("\\d{1,3}")) {
        throw new IllegalArgumentException("'" + p + "' has no valid prefix length after '/'");
      }
      prefix = Integer.parseInt(prefixText);
      if (prefix > bits) {
        throw new IllegalArgumentException(
            "prefix length of '" + p + "' must be 0–" + bits + " for IPv" + (bits == 32 ? 4 : 6) + ", was " + prefix);
      }
    }
    byte[] network = IpAddress.network(address, prefix);
    if (!Arrays.equals(network, address)) {
      throw new IllegalArgumentException(
          "'" + p + "' has host bits set after the prefix; the network is " + IpAddress.format(network) + "/" + prefix);
    }
    return IpAddress.format(address) + "/" + prefix;
  }

  private static String ipRange(String p) {
    int dash = p.indexOf('-');
    if (dash < 0 || p.indexOf('-', dash + 1) >= 0) {
      throw new IllegalArgumentException("'" + p + "' is not a range (expected first-last, e.g. 10.31.112.21-10.31.112.29)");
    }
    byte[] first = IpAddress.parse(p.substring(0, dash));
    byte[] last = IpAddress.parse(p.substring(dash + 1));
    if (first == null || last == null) {
      throw new IllegalArgumentException("'" + p + "' does not start and end with IP addresses");
    }
    if (first.length != last.length) {
      throw new IllegalArgumentException("'" + p + "' mixes IPv4 and IPv6");
    }
    if (IpAddress.compare(first, last) > 0) {
      throw new IllegalArgumentException("'" + p + "' ends before it starts");
    }
    return IpAddress.format(first) + "-" + IpAddress.format(last);
  }

  private static String domain(String p) {
    String d = p.toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    String name = d.startsWith("*.") ? d.substring(2) : d;
    for (String labelText : name.split("\\.", -1)) {
      if (labelText.isEmpty() || !labelText.matches("[a-z0-9_-]+")) {
        throw new IllegalArgumentException("'" + p + "' is not a domain: "
            + (name.contains("*") ? "a wildcard may only be the whole first label, as in *.corp.example.com"
                : "labels are letters, digits, '-' and '_', separated by single dots"));
      }
    }
    return d;
  }

  private static String hostname(String p) {
    String h = p.toLowerCase(Locale.ROOT);
    if (!h.matches("[a-z0-9_.*?-]+")) {
      throw new IllegalArgumentException(
          "'" + p + "' is not a host name pattern: use letters, digits, '-', '_', '.', and the wildcards * and ?");
    }
    return h;
  }

  private static String token(String p, String what) {
    if (p.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("'" + p + "' is not a " + what + ": it contains white space");
    }
    return p.toLowerCase(Locale.ROOT);
  }

  private static String tag(String p) {
    int eq = p.indexOf('=');
    String key = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("'" + p + "' has no tag key (expected key=value or key)");
    }
    return eq < 0 ? key : key + "=" + p.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
  }

  private static String registry(String p) {
    String path = p.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceAll("^/+|/+$", "");
    String[] segments = path.split("/", -1);
    boolean valid = !path.isEmpty() && ArtifactPath.isHost(segments[0]) && path.indexOf('@') < 0
        && path.chars().noneMatch(Character::isWhitespace);
    for (int i = 1; i < segments.length; i++) {
      // A tag or digest names one build, not a place images live in.
      valid &= !segments[i].isEmpty() && segments[i].indexOf(':') < 0;
    }
    if (!valid) {
      throw new IllegalArgumentException("'" + p + "' is not a registry or repository path: start with the registry host, "
          + "e.g. registry.example.com, ghcr.io/acme or docker.io/acme, without tag or digest");
    }
    return ArtifactPath.canonicalRegistry(path);
  }

  private static String codeOrg(String p) {
    String path = ArtifactPath.ofRepository(p);
    if (path == null || path.indexOf('/') < 0 || p.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "'" + p + "' is not a code organisation: write host/organisation, e.g. github.com/acme or gitlab.com/acme/platform");
    }
    return path;
  }

  private static String asset(String p) {
    int colon = p.indexOf(':');
    String typeText = colon < 0 ? "" : p.substring(0, colon).trim();
    AssetKey.Type type = null;
    for (AssetKey.Type t : AssetKey.Type.values()) {
      if (t.label().equals(typeText.toLowerCase(Locale.ROOT))) {
        type = t;
      }
    }
    if (type == null || p.substring(colon + 1).isBlank()) {
      throw new IllegalArgumentException("'" + p + "' is not an asset identifier: write type:value with type one of "
          + Arrays.stream(AssetKey.Type.values()).map(AssetKey.Type::label).collect(Collectors.joining(", ")));
    }
    return AssetKey.of(type, p.substring(colon + 1)).toString();
  }
}
