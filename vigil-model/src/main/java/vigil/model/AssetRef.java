package vigil.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An asset as one tool describes it: what kind of thing, a display name, the identifiers the tool
 * reported and free-form attributes (operating system, image tag, ...). Correlation turns many of
 * these into one stored asset.
 */
public record AssetRef(AssetKind kind, String name, Set<AssetKey> keys, Map<String, String> attributes) {

  public AssetRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("asset '" + name + "' has no identifier");
    }
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public static Builder builder(AssetKind kind) {
    return new Builder(kind);
  }

  /** The first key of the given type, or {@code null}. */
  public AssetKey key(AssetKey.Type type) {
    for (AssetKey k : keys) {
      if (k.type() == type) {
        return k;
      }
    }
    return null;
  }

  /** Builds an {@link AssetRef}, skipping blank identifiers and attributes. */
  public static final class Builder {
    private final AssetKind kind;
    private String name;
    private final List<AssetKey> keys = new ArrayList<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(AssetKind kind) {
      this.kind = kind;
    }

    public Builder name(String name) {
      if (name != null && !name.isBlank()) {
        this.name = name.trim();
      }
      return this;
    }

    public Builder key(AssetKey.Type type, String value) {
      AssetKey key = AssetKey.ofNullable(type, value);
      if (key != null) {
        keys.add(key);
      }
      return this;
    }

    /**
     * Adds a host identifier, choosing its type from its shape: an IP address, a fully qualified
     * name, or a bare host name.
     */
    public Builder host(String value) {
      if (value == null || value.isBlank()) {
        return this;
      }
      String v = value.trim();
      if (v.contains("://")) {
        // A URL where a host was expected (web scanners, Nessus WAS): its host is the identifier.
        try {
          String h = java.net.URI.create(v).getHost();
          if (h == null) {
            return this;
          }
          v = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
        } catch (IllegalArgumentException e) {
          return this;
        }
      }
      if (AssetKey.looksLikeIpv4(v) || AssetKey.looksLikeIpv6(v)) {
        return key(AssetKey.Type.IP, v);
      }
      if (v.indexOf('.') > 0) {
        key(AssetKey.Type.FQDN, v);
        return key(AssetKey.Type.HOSTNAME, v.substring(0, v.indexOf('.')));
      }
      return key(AssetKey.Type.HOSTNAME, v);
    }

    public Builder attribute(String key, String value) {
      if (value != null && !value.isBlank()) {
        attributes.put(key, value.trim());
      }
      return this;
    }

    public boolean hasKeys() {
      return !keys.isEmpty();
    }

    public AssetRef build() {
      String display = name;
      if (display == null) {
        display = keys.isEmpty() ? "" : keys.get(0).value();
      }
      return new AssetRef(kind, display, new LinkedHashSet<>(keys), attributes);
    }
  }
}
