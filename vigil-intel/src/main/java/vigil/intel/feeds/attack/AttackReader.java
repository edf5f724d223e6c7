package vigil.intel.feeds.attack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.FeedReader;
import vigil.intel.feeds.io.FeedFile;
import vigil.intel.feeds.io.JsonRecord;
import vigil.intel.feeds.io.StixBundle;

/**
 * Reads the ATT&amp;CK Enterprise STIX bundle (tens of MB uncompressed) one object of
 * {@code objects[]} at a time, in any object order. Every {@code attack-pattern} becomes an
 * {@link AttackTechnique}, revoked and deprecated ones included and flagged; relationships
 * that are neither revoked nor deprecated go to a second consumer when one is given. The bundle
 * names no ATT&amp;CK release, so the {@link FeedInfo} version is {@code null} and its date is the
 * latest {@code modified} of any object.
 */
public final class AttackReader implements FeedReader<AttackTechnique> {
  private static final String WHAT = "a STIX bundle (JSON object with type bundle, objects)";
  private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  @Override
  public FeedInfo read(Path file, Consumer<? super AttackTechnique> sink) throws FeedException {
    return read(file, sink, r -> { });
  }

  /** Reads techniques and, in the same pass, the bundle's relationships. */
  public FeedInfo read(Path path, Consumer<? super AttackTechnique> techniques,
      Consumer<? super AttackRelationship> relationships) throws FeedException {
    StixBundle.Summary summary = StixBundle.forEachObject(FeedFile.of(path), WHAT, (o, type) -> {
      if (type.equals("attack-pattern")) {
        techniques.accept(technique(o));
        return true;
      }
      if (type.equals("relationship") && !o.flag("revoked") && !o.flag("x_mitre_deprecated")) {
        relationships.accept(new AttackRelationship(o.required("relationship_type"),
            o.required("source_ref"), o.required("target_ref")));
      }
      return false;
    });
    return new FeedInfo(FeedKind.ATTACK, null, summary.latestModified(), summary.records());
  }

  private static AttackTechnique technique(JsonRecord o) throws FeedException {
    String id = null;
    for (JsonRecord ref : o.objects("external_references")) {
      if ("mitre-attack".equals(ref.text("source_name"))) {
        id = ref.required("external_id");
        if (!TECHNIQUE_ID.matcher(id).matches()) {
          throw ref.error("external_id", "expected an ATT&CK technique id (T####[.###]), found '" + id + "'");
        }
      }
    }
    if (id == null) {
      throw o.error("external_references", "expected an ATT&CK technique: no external reference from mitre-attack");
    }
    List<String> tactics = new ArrayList<>();
    for (JsonRecord phase : o.objects("kill_chain_phases")) {
      if ("mitre-attack".equals(phase.text("kill_chain_name"))) {
        tactics.add(phase.required("phase_name"));
      }
    }
    return new AttackTechnique(id, o.required("name"), tactics, o.texts("x_mitre_platforms"),
        o.flag("x_mitre_is_subtechnique") || id.contains("."), o.flag("revoked"), o.flag("x_mitre_deprecated"),
        o.required("id"), o.instant("modified"));
  }
}
