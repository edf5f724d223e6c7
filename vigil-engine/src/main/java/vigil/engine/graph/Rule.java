package vigil.engine.graph;

import java.util.List;
import java.util.Set;

/**
 * One rule of the rule set, compiled: the fact type it stands on, its filters as allowed codes, its
 * templates, and how its instances' probability and technique are found.
 *
 * @param allowed per filter of {@code on} (by index), the allowed codes, or {@code null} for no
 *     constraint
 * @param probabilityKind "constant", "exposure" or "entry"
 * @param probability the constant (or, for "entry", the default)
 * @param technique the ATT&amp;CK id, or {@code null}
 * @param internetTechnique the ATT&amp;CK id used on internet-facing services, or {@code null}
 */
record Rule(
    int index,
    String id,
    FactType on,
    boolean[][] allowed,
    List<Template> requires,
    Template yields,
    String probabilityKind,
    double probability,
    double factor,
    String technique,
    String internetTechnique,
    boolean cweTechnique,
    Set<String> tactics,
    String why) {

  boolean admits(int filter, int code) {
    boolean[] a = allowed[filter];
    return a == null || (code >= 0 && code < a.length && a[code]);
  }
}
