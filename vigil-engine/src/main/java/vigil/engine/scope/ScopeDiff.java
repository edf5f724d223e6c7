package vigil.engine.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changes from one scope document to another: elements are the same when their {@link
 * ScopeElement#key()} is, so renaming a service is a deletion and a creation.
 *
 * <p>Changes come in an order that keeps every reference valid when applied one at a time: owners,
 * environments and services are created, then updated (and the environments reordered); then
 * rules are deleted, created and updated; then services, environments and owners are deleted.
 */
public final class ScopeDiff {
  private ScopeDiff() {}

  /** The changes that turn {@code current} into {@code desired}; empty when they are equal. */
  public static List<ScopeChange> diff(ScopeDocument current, ScopeDocument desired) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(desired, "desired");
    Compared<Owner> owners = compare(current.owners(), desired.owners(), ScopeDiff::ownerChanges);
    Compared<Environment> environments =
        compare(current.environments(), desired.environments(), ScopeDiff::environmentChanges);
    Compared<BusinessService> services = compare(current.services(), desired.services(), ScopeDiff::serviceChanges);
    Compared<ScopeRule> rules = compare(current.rules(), desired.rules(), ScopeDiff::ruleChanges);

    List<ScopeChange> out = new ArrayList<>();
    out.addAll(owners.created);
    out.addAll(environments.created);
    out.addAll(services.created);
    out.addAll(owners.updated);
    out.addAll(environments.updated);
    reorder(current.environments(), desired.environments(), out);
    out.addAll(services.updated);
    out.addAll(rules.deleted);
    out.addAll(rules.created);
    out.addAll(rules.updated);
    out.addAll(services.deleted);
    out.addAll(environments.deleted);
    out.addAll(owners.deleted);
    return List.copyOf(out);
  }

  private static final class Compared<T extends ScopeElement> {
    final List<ScopeChange> created = new ArrayList<>();
    final List<ScopeChange> updated = new ArrayList<>();
    final List<ScopeChange> deleted = new ArrayList<>();
  }

  /** What differs between two versions of one element ("criticality 4 → 5"), or "" when nothing does. */
  private interface Differences<T> {
    String between(T before, T after);
  }

  private static <T extends ScopeElement> Compared<T> compare(List<T> current, List<T> desired, Differences<T> differences) {
    Map<String, T> before = byKey(current);
    Map<String, T> after = byKey(desired);
    Compared<T> out = new Compared<>();
    after.forEach((key, element) -> {
      T old = before.get(key);
      if (old == null) {
        out.created.add(new ScopeChange(ScopeChange.Action.CREATE, element.elementType(), key, null, element,
            "create " + title(element) + details(element)));
      } else if (!old.equals(element)) {
        out.updated.add(new ScopeChange(ScopeChange.Action.UPDATE, element.elementType(), key, old, element,
            "update " + title(element) + ": " + differences.between(old, element)));
      }
    });
    before.forEach((key, element) -> {
      if (!after.containsKey(key)) {
        out.deleted.add(new ScopeChange(ScopeChange.Action.DELETE, element.elementType(), key, element, null,
            "delete " + title(element)));
      }
    });
    return out;
  }

  private static <T extends ScopeElement> Map<String, T> byKey(List<T> elements) {
    Map<String, T> out = new LinkedHashMap<>();
    elements.forEach(e -> out.put(e.key(), e));
    return out;
  }

  private static String title(ScopeElement e) {
    if (e instanceof ScopeRule) {
      return "rule " + e.key();
    }
    return e.elementType() + " '" + e.key() + "'";
  }

  private static String details(ScopeElement e) {
    List<String> parts = new ArrayList<>();
    if (e instanceof Owner) {
      Owner o = (Owner) e;
      add(parts, "contact", o.contact());
    } else if (e instanceof Environment) {
      add(parts, "description", ((Environment) e).description());
    } else if (e instanceof BusinessService) {
      BusinessService s = (BusinessService) e;
      parts.add("criticality " + s.criticality());
      if (s.crownJewel()) {
        parts.add("crown jewel");
      }
      add(parts, "owner", s.owner());
      add(parts, "data", s.dataClassification() == null ? null : s.dataClassification().label());
    } else {
      ScopeRule r = (ScopeRule) e;
      add(parts, "environment", r.service() != null ? r.environment() : null);
      if (r.crownJewel()) {
        parts.add("crown jewel");
      }
      add(parts, "note", r.note());
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static void add(List<String> parts, String name, String value) {
    if (value != null) {
      parts.add(name + " " + value);
    }
  }

  private static String ownerChanges(Owner a, Owner b) {
    return changes(text("contact", a.contact(), b.contact()));
  }

  private static String environmentChanges(Environment a, Environment b) {
    return changes(text("description", a.description(), b.description()));
  }

  private static String serviceChanges(BusinessService a, BusinessService b) {
    return changes(
        text("description", a.description(), b.description()),
        text("owner", a.owner(), b.owner()),
        value("criticality", a.criticality(), b.criticality()),
        value("crown jewel", yesNo(a.crownJewel()), yesNo(b.crownJewel())),
        value("data classification", label(a.dataClassification()), label(b.dataClassification())));
  }

  private static String ruleChanges(ScopeRule a, ScopeRule b) {
    return changes(
        text("environment", a.environment(), b.environment()),
        value("crown jewel", yesNo(a.crownJewel()), yesNo(b.crownJewel())),
        text("note", a.note(), b.note()));
  }

  private static String label(DataClassification c) {
    return c == null ? null : c.label();
  }

  private static String yesNo(boolean flag) {
    return flag ? "yes" : "no";
  }

  /** "owner 'a' → 'b'": a change of free text or a name, quoted. */
  private static String text(String name, String before, String after) {
    return value(name, before == null ? null : "'" + before + "'", after == null ? null : "'" + after + "'");
  }

  /** "criticality 4 → 5", or {@code null} when the value is unchanged. */
  private static String value(String name, Object before, Object after) {
    if (Objects.equals(before, after)) {
      return null;
    }
    return name + " " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after);
  }

  private static String changes(String... fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      if (f != null) {
        out.add(f);
      }
    }
    return String.join(", ", out);
  }

  /** Reports a new precedence among the environments both documents declare. */
  private static void reorder(List<Environment> current, List<Environment> desired, List<ScopeChange> out) {
    Function<List<Environment>, List<String>> names = list -> list.stream().map(Environment::name).toList();
    List<String> before = new ArrayList<>(names.apply(current));
    List<String> after = new ArrayList<>(names.apply(desired));
    before.retainAll(after);
    after.retainAll(before);
    if (!before.equals(after)) {
      out.add(new ScopeChange(ScopeChange.Action.REORDER, "environment", "environments", null, null,
          "reorder environments (first wins when rules propose several): " + String.join(", ", before) + " → "
              + String.join(", ", after)));
    }
  }
}
