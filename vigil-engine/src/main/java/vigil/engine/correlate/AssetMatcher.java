package vigil.engine.correlate;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import vigil.model.AssetKey;
import vigil.model.AssetRef;

/**
 * Decides whether an incoming asset is one already known. Rules, in order:
 *
 * <ol>
 *   <li>A shared strong key (cloud id, agent id, MAC, image digest, repository, purl) merges, unless
 *       the two carry different values of a single-valued strong key (two cloud instance ids).
 *   <li>Otherwise weak keys merge by weight (FQDN 3, host/NetBIOS name or image name 2, IP 1),
 *       never when a strong key or a name contradicts, and an IP only while recently seen.
 *   <li>Ties go to the oldest asset, so repeated imports converge on one id.
 * </ol>
 */
public final class AssetMatcher {
  /** Strong key types of which an asset has exactly one: two different values mean two things. */
  private static final Set<AssetKey.Type> SINGLE_VALUED =
      EnumSet.of(AssetKey.Type.CLOUD_ID, AssetKey.Type.AGENT_ID, AssetKey.Type.IMAGE_DIGEST, AssetKey.Type.REPOSITORY);
  /** Names that, when both sides have one and they differ, rule a weak merge out. */
  private static final Set<AssetKey.Type> NAMES = EnumSet.of(AssetKey.Type.FQDN, AssetKey.Type.HOSTNAME);

  private final CorrelationPolicy policy;

  public AssetMatcher(CorrelationPolicy policy) {
    this.policy = policy;
  }

  /** Picks the stored asset {@code incoming} is, among candidates that share at least one key with it. */
  public AssetMatch match(AssetRef incoming, Collection<StoredAsset> candidates, Instant now) {
    StoredAsset best = null;
    int bestScore = 0;
    String bestReason = null;
    for (StoredAsset c : candidates) {
      if (c.kind() != incoming.kind() || contradictsStrongly(incoming, c)) {
        continue;
      }
      int score = 0;
      AssetKey because = null;
      for (AssetKey k : incoming.keys()) {
        Instant seen = c.keys().get(k);
        if (seen == null) {
          continue;
        }
        int w = weight(k, seen, now);
        if (w > score) {
          score = w;
          because = k;
        }
      }
      if (score == 0 || (score < 100 && contradictsByName(incoming, c))) {
        continue;
      }
      if (score > bestScore || (score == bestScore && best != null && c.id() < best.id())) {
        best = c;
        bestScore = score;
        bestReason = (score >= 100 ? "same strong identifier " : "same ") + because
            + (score < 100 ? " and no contradicting identifier" : "");
      }
    }
    if (best == null) {
      return AssetMatch.newAsset("no known asset shares an identifier without contradiction");
    }
    return new AssetMatch(best.id(), bestReason);
  }

  private int weight(AssetKey k, Instant seen, Instant now) {
    if (k.type().strong()) {
      return 100;
    }
    switch (k.type()) {
      case FQDN:
        return 3;
      case HOSTNAME:
      case NETBIOS:
      case IMAGE:
      case NAME:
        return 2;
      case IP:
        return seen.plus(policy.ipTrust()).isBefore(now) ? 0 : 1;
      default:
        return 0;
    }
  }

  private static boolean contradictsStrongly(AssetRef incoming, StoredAsset c) {
    for (AssetKey k : incoming.keys()) {
      if (!SINGLE_VALUED.contains(k.type()) || c.keys().containsKey(k)) {
        continue;
      }
      if (hasType(c.keys(), k.type())) {
        return true;
      }
    }
    return false;
  }

  private static boolean contradictsByName(AssetRef incoming, StoredAsset c) {
    for (AssetKey.Type t : NAMES) {
      AssetKey mine = incoming.key(t);
      if (mine != null && hasType(c.keys(), t) && !c.keys().containsKey(mine)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasType(Map<AssetKey, Instant> keys, AssetKey.Type type) {
    for (AssetKey k : keys.keySet()) {
      if (k.type() == type) {
        return true;
      }
    }
    return false;
  }
}
