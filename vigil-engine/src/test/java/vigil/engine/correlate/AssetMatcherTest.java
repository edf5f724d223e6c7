package vigil.engine.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

class AssetMatcherTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private final AssetMatcher matcher = new AssetMatcher(CorrelationPolicy.DEFAULT);

  private static StoredAsset stored(long id, Instant seen, AssetKey... keys) {
    Map<AssetKey, Instant> m = new java.util.HashMap<>();
    for (AssetKey k : keys) {
      m.put(k, seen);
    }
    return new StoredAsset(id, AssetKind.HOST, m);
  }

  private static AssetKey ip(String v) {
    return AssetKey.of(AssetKey.Type.IP, v);
  }

  private static AssetKey fqdn(String v) {
    return AssetKey.of(AssetKey.Type.FQDN, v);
  }

  @Test
  void sharedMacMergesDespiteDifferentAddress() {
    AssetRef in = AssetRef.builder(AssetKind.HOST).host("10.0.0.9").key(AssetKey.Type.MAC, "00-50-56-81-01-B8").build();
    AssetMatch m = matcher.match(in, List.of(stored(4, NOW, ip("10.0.0.1"), AssetKey.of(AssetKey.Type.MAC, "00:50:56:81:01:b8"))), NOW);
    assertThat(m.assetId()).isEqualTo(4);
    assertThat(m.reason()).contains("strong").contains("mac:00:50:56:81:01:b8");
  }

  @Test
  void staleIpAloneDoesNotMerge() {
    AssetRef in = AssetRef.builder(AssetKind.HOST).host("10.0.0.1").build();
    StoredAsset old = stored(4, NOW.minus(Duration.ofDays(31)), ip("10.0.0.1"));
    assertThat(matcher.match(in, List.of(old), NOW).isNew()).isTrue();
    StoredAsset recent = stored(5, NOW.minus(Duration.ofDays(2)), ip("10.0.0.1"));
    assertThat(matcher.match(in, List.of(recent), NOW).assetId()).isEqualTo(5);
  }

  @Test
  void ipWithDifferentFqdnIsAnotherMachine() {
    AssetRef in = AssetRef.builder(AssetKind.HOST).host("10.0.0.1").host("b.corp.example").build();
    StoredAsset a = stored(4, NOW, ip("10.0.0.1"), fqdn("a.corp.example"));
    assertThat(matcher.match(in, List.of(a), NOW).isNew()).isTrue();
  }

  @Test
  void conflictingCloudIdsNeverMerge() {
    AssetRef in = AssetRef.builder(AssetKind.HOST).host("a.corp.example").key(AssetKey.Type.CLOUD_ID, "i-2").build();
    StoredAsset a = stored(4, NOW, fqdn("a.corp.example"), AssetKey.of(AssetKey.Type.CLOUD_ID, "i-1"));
    assertThat(matcher.match(in, List.of(a), NOW).isNew()).isTrue();
  }

  @Test
  void fqdnOutweighsIpAndTiesGoToTheOldest() {
    AssetRef in = AssetRef.builder(AssetKind.HOST).host("10.0.0.1").host("a.corp.example").build();
    StoredAsset byIp = stored(3, NOW, ip("10.0.0.1"));
    StoredAsset byName = stored(9, NOW, fqdn("a.corp.example"));
    StoredAsset byNameOlder = stored(7, NOW, fqdn("a.corp.example"));
    assertThat(matcher.match(in, List.of(byIp, byName, byNameOlder), NOW).assetId()).isEqualTo(7);
  }

  @Test
  void otherKindsNeverMerge() {
    AssetRef in = AssetRef.builder(AssetKind.CONTAINER_IMAGE).key(AssetKey.Type.NAME, "web").build();
    StoredAsset host = new StoredAsset(1, AssetKind.HOST, Map.of(AssetKey.of(AssetKey.Type.NAME, "web"), NOW));
    assertThat(matcher.match(in, List.of(host), NOW).isNew()).isTrue();
  }
}
