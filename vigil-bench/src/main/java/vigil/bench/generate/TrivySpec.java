package vigil.bench.generate;

import java.time.Instant;

/**
 * What {@link TrivyReport} generates: images {@code firstImage} onwards, each one Trivy JSON report
 * (SchemaVersion 2) with {@code vulnsPerImage} vulnerabilities drawn from a database of {@code
 * catalogue} entries.
 */
public record TrivySpec(long seed, int images, int vulnsPerImage, int firstImage, Instant createdAt, int catalogue) {

  public static final int DEFAULT_CATALOGUE = 6000;

  public TrivySpec {
    if (images < 0 || vulnsPerImage < 0 || firstImage < 0 || catalogue < 1) {
      throw new IllegalArgumentException("images, vulnerabilities and first image must not be negative: " + images
          + ", " + vulnsPerImage + ", " + firstImage);
    }
    java.util.Objects.requireNonNull(createdAt, "createdAt");
  }

  public static TrivySpec of(long seed, int images, int vulnsPerImage) {
    return new TrivySpec(seed, images, vulnsPerImage, 0, NessusSpec.DEFAULT_SCAN_START, DEFAULT_CATALOGUE);
  }

  public TrivySpec withFirstImage(int index) {
    return new TrivySpec(seed, images, vulnsPerImage, index, createdAt, catalogue);
  }

  public TrivySpec withCreatedAt(Instant at) {
    return new TrivySpec(seed, images, vulnsPerImage, firstImage, at, catalogue);
  }

  public TrivySpec withCatalogue(int entries) {
    return new TrivySpec(seed, images, vulnsPerImage, firstImage, createdAt, entries);
  }
}
