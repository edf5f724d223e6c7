package vigil.store.mobilise;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vigil.engine.risk.Priority;
import vigil.store.Database;
import vigil.store.StoreException;
import vigil.store.security.Visibility;

/**
 * Fix groups computed from the active exposures, largest risk removed first. Read within a {@link
 * Visibility}: a group holds only the exposures its reader sees, and a group with none is not there.
 */
public final class FixGroups {
  private final Database db;
  private final Slas slas;

  public FixGroups(Database db, Slas slas) {
    this.db = Objects.requireNonNull(db, "db");
    this.slas = Objects.requireNonNull(slas, "slas");
  }

  public List<FixGroup> list(Visibility visible, Instant now) {
    Map<String, List<ActiveExposure>> byKey = new LinkedHashMap<>();
    for (ActiveExposure e : ActiveExposures.load(db, visible)) {
      byKey.computeIfAbsent(e.action().key(), k -> new ArrayList<>()).add(e);
    }
    List<FixGroup> out = new ArrayList<>();
    for (List<ActiveExposure> members : byKey.values()) {
      out.add(group(members, now));
    }
    out.sort(Comparator.comparingDouble(FixGroup::riskRemoved).reversed().thenComparing(FixGroup::key));
    return out;
  }

  public Optional<FixGroup> find(Visibility visible, String key, Instant now) {
    return list(visible, now).stream().filter(g -> g.key().equals(key)).findFirst();
  }

  /**
   * Of these fix group keys, those with an exposure (in any status, so verified groups count) on a
   * visible asset.
   */
  public List<String> visibleKeys(Visibility visible, List<String> keys) {
    if (visible.all() || keys.isEmpty()) {
      return List.copyOf(keys);
    }
    try (Connection c = db.connection()) {
      Set<String> seen = ActiveExposures.groupKeys(c, visible);
      return keys.stream().filter(seen::contains).toList();
    } catch (SQLException e) {
      throw new StoreException("reading fix group keys", e);
    }
  }

  private FixGroup group(List<ActiveExposure> members, Instant now) {
    ActiveExposure first = members.get(0);
    double risk = 0;
    Priority max = Priority.P4;
    Instant due = null;
    TreeSet<String> owners = new TreeSet<>();
    TreeSet<Long> assets = new TreeSet<>();
    List<Long> ids = new ArrayList<>();
    for (ActiveExposure e : members) {
      risk += e.risk();
      max = max.atLeast(e.priority());
      Instant d = slas.status(e, now).due();
      due = due == null || d.isBefore(due) ? d : due;
      owners.add(e.owner());
      assets.add(e.assetId());
      ids.add(e.id());
    }
    return new FixGroup(first.action().key(), first.action().title(), first.action().kind(), members.size(),
        assets.size(), Math.round(risk * 100) / 100.0, List.copyOf(owners), max, due, List.copyOf(ids));
  }
}
