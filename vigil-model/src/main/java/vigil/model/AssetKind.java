package vigil.model;

import java.util.Locale;

/** What sort of thing an asset is. */
public enum AssetKind {
  HOST,
  CONTAINER_IMAGE,
  CODE_REPOSITORY,
  CLOUD_RESOURCE,
  CLOUD_ACCOUNT,
  KUBERNETES_WORKLOAD,
  WEB_APPLICATION,
  IDENTITY;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
