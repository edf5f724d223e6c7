package vigil.intel.feeds.capec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vigil.intel.feeds.FeedException;
import vigil.model.Ids;

/**
 * Answers "which attack patterns exploit this weakness, and which ATT&amp;CK techniques do they
 * lead to": CWE → CAPEC ids → ATT&amp;CK technique ids, built from CAPEC's own links. Only active
 * patterns count (revoked, deprecated and obsolete ones are left out, as CAPEC asks). Technique
 * ids are CAPEC's and may name techniques ATT&amp;CK has since revoked; check them against the
 * ATT&amp;CK feed where that matters.
 */
public final class CweAttackMap {
  /** CAPEC ids sort by number ("CAPEC-2" before "CAPEC-10"). */
  private static final Comparator<String> BY_NUMBER =
      Comparator.comparingInt((String id) -> Integer.parseInt(id.substring(id.indexOf('-') + 1)))
          .thenComparing(Comparator.naturalOrder());

  private final Map<String, Set<String>> capecsByCwe;
  private final Map<String, List<String>> techniquesByCapec;

  private CweAttackMap(Map<String, Set<String>> capecsByCwe, Map<String, List<String>> techniquesByCapec) {
    this.capecsByCwe = capecsByCwe;
    this.techniquesByCapec = techniquesByCapec;
  }

  /** The map of the active patterns among {@code patterns}. */
  public static CweAttackMap of(Iterable<CapecPattern> patterns) {
    Map<String, Set<String>> capecsByCwe = new HashMap<>();
    Map<String, List<String>> techniquesByCapec = new HashMap<>();
    for (CapecPattern p : patterns) {
      if (!p.active()) {
        continue;
      }
      for (String cwe : p.cweIds()) {
        capecsByCwe.computeIfAbsent(cwe, k -> new TreeSet<>(BY_NUMBER)).add(p.capecId());
      }
      techniquesByCapec.put(p.capecId(), p.attackTechniqueIds());
    }
    return new CweAttackMap(capecsByCwe, techniquesByCapec);
  }

  /** Reads a CAPEC file (STIX bundle or mapping table, gzipped or not) into a map. */
  public static CweAttackMap load(Path capecFile) throws FeedException {
    List<CapecPattern> patterns = new ArrayList<>();
    new CapecReader().read(capecFile, patterns::add);
    return of(patterns);
  }

  /** Active CAPEC ids linked to a CWE ("CWE-79", "79"), by CAPEC number; empty when none. */
  public List<String> capecIds(String cwe) {
    String id = Ids.cwe(cwe);
    Set<String> capecs = id == null ? null : capecsByCwe.get(id);
    return capecs == null ? List.of() : List.copyOf(capecs);
  }

  /** ATT&amp;CK technique ids CAPEC links to an active pattern ("CAPEC-1" or "1"); empty when none. */
  public List<String> techniqueIds(String capecId) {
    String id = capecId == null ? "" : capecId.strip().toUpperCase(Locale.ROOT);
    if (!id.startsWith("CAPEC-")) {
      id = "CAPEC-" + id;
    }
    return techniquesByCapec.getOrDefault(id, List.of());
  }

  /** ATT&amp;CK technique ids reachable from a CWE through its CAPEC patterns, without repeats. */
  public List<String> techniqueIdsForCwe(String cwe) {
    Set<String> out = new LinkedHashSet<>();
    for (String capec : capecIds(cwe)) {
      out.addAll(techniqueIds(capec));
    }
    return List.copyOf(out);
  }

  /** Every CWE id that at least one active pattern links to. */
  public Set<String> cwes() {
    return Set.copyOf(capecsByCwe.keySet());
  }
}
