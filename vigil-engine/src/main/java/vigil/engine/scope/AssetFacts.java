package vigil.engine.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import vigil.model.AssetKey;
import vigil.model.AssetRef;

/**
 * What scope evaluation looks at of an asset: its identifiers, its tags and the cloud accounts it
 * lives in. Tags and accounts are lower-cased, as rules match them without regard to case.
 *
 * <p>{@link #of(Collection, Map)} reads them from an asset's attributes by these conventions:
 *
 * <ul>
 *   <li>tags: an attribute "tag:KEY" with the tag's value, or an attribute "tags" listing
 *       "key=value" or bare "key" items separated by commas or semicolons;
 *   <li>cloud accounts: the attributes "account", "cloud-account", "account-id",
 *       "subscription-id" and "project-id", and what cloud resource ids say: the account of an AWS
 *       ARN, the subscription of an Azure resource id, the project of a GCP resource name.
 * </ul>
 *
 * @param tags tag key to value ("" for a tag without value)
 */
public record AssetFacts(Set<AssetKey> keys, Map<String, String> tags, Set<String> cloudAccounts) {

  private static final List<String> ACCOUNT_ATTRIBUTES =
      List.of("account", "cloud-account", "account-id", "subscription-id", "project-id");

  /** Addresses, then names, then the rest: the order facts are matched and explained in. */
  private static final Comparator<AssetKey> ORDER = Comparator.comparingInt((AssetKey k) -> rank(k.type()))
      .thenComparing(AssetKey::value);

  /** Sorts everything, so that evaluation and its explanation never depend on hash order. */
  public AssetFacts {
    List<AssetKey> sortedKeys = new ArrayList<>(keys);
    sortedKeys.sort(ORDER);
    keys = Collections.unmodifiableSet(new LinkedHashSet<>(sortedKeys));
    SortedMap<String, String> lowerTags = new TreeMap<>();
    tags.forEach((k, v) -> lowerTags.put(lower(k), v == null ? "" : lower(v)));
    tags = Collections.unmodifiableSortedMap(lowerTags);
    SortedSet<String> lowerAccounts = new TreeSet<>();
    cloudAccounts.forEach(a -> lowerAccounts.add(lower(a)));
    cloudAccounts = Collections.unmodifiableSortedSet(lowerAccounts);
  }

  private static int rank(AssetKey.Type type) {
    switch (type) {
      case IP:
        return 0;
      case FQDN:
        return 1;
      case HOSTNAME:
        return 2;
      case NETBIOS:
        return 3;
      default:
        return 4 + type.ordinal();
    }
  }

  /** Facts of an asset as one tool described it. */
  public static AssetFacts of(AssetRef asset) {
    return of(asset.keys(), asset.attributes());
  }

  /** Facts of a stored asset: its identifiers and its attributes (see the class comment). */
  public static AssetFacts of(Collection<AssetKey> keys, Map<String, String> attributes) {
    Map<String, String> tags = new LinkedHashMap<>();
    Set<String> accounts = new LinkedHashSet<>();
    attributes.forEach((name, value) -> {
      if (value == null || value.isBlank()) {
        return;
      }
      String n = lower(name);
      if (n.startsWith("tag:") && n.length() > 4) {
        tags.put(name.substring(4).trim(), value.trim());
      } else if (n.equals("tags")) {
        readTagList(value, tags);
      } else if (ACCOUNT_ATTRIBUTES.contains(n)) {
        accounts.add(value.trim());
      }
    });
    for (AssetKey k : keys) {
      if (k.type() == AssetKey.Type.CLOUD_ID) {
        String account = accountOfResource(k.value());
        if (account != null) {
          accounts.add(account);
        }
      }
    }
    return new AssetFacts(new LinkedHashSet<>(keys), tags, accounts);
  }

  /** Facts of identifiers alone (cloud ids still give their accounts). */
  public static AssetFacts of(AssetKey... keys) {
    return of(List.of(keys), Map.of());
  }

  private static void readTagList(String list, Map<String, String> tags) {
    for (String item : list.split("[,;]")) {
      String t = item.trim();
      int eq = t.indexOf('=');
      String key = (eq < 0 ? t : t.substring(0, eq)).trim();
      if (!key.isEmpty()) {
        tags.put(key, eq < 0 ? "" : t.substring(eq + 1).trim());
      }
    }
  }

  /** The account, subscription or project a cloud resource id names, or {@code null}. */
  private static String accountOfResource(String id) {
    if (id.startsWith("arn:")) {
      String[] parts = id.split(":", 6);
      return parts.length == 6 && !parts[4].isEmpty() ? parts[4] : null;
    }
    String lower = lower(id);
    for (String marker : new String[] {"/subscriptions/", "projects/"}) {
      int at = lower.indexOf(marker);
      if (at >= 0 && (at == 0 || marker.charAt(0) == '/' || lower.charAt(at - 1) == '/')) {
        int from = at + marker.length();
        int to = lower.indexOf('/', from);
        String account = id.substring(from, to < 0 ? id.length() : to);
        return account.isEmpty() ? null : account;
      }
    }
    return null;
  }

  private static String lower(String text) {
    return Objects.requireNonNull(text, "text").trim().toLowerCase(Locale.ROOT);
  }
}
