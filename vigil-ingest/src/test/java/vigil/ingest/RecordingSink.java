package vigil.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;

/** Keeps everything a parser pushed, for assertions. */
public final class RecordingSink implements ObservationSink {
  public final List<Observation> observations = new ArrayList<>();
  public final Set<AssetRef> covered = new LinkedHashSet<>();

  @Override
  public void covered(AssetRef asset) {
    covered.add(asset);
  }

  @Override
  public void observation(Observation observation) {
    observations.add(observation);
  }

  /** Parses a corpus file with the given parser. */
  public static RecordingSink parse(ScanParser parser, String corpusPath) throws ParseException, IOException {
    RecordingSink sink = new RecordingSink();
    parser.parse(Corpus.scanFile(corpusPath), sink);
    return sink;
  }

  /** Distinct normalised weakness keys, in order of first sighting. */
  public Set<String> weaknessKeys() {
    Set<String> keys = new LinkedHashSet<>();
    observations.forEach(o -> keys.add(o.weakness().key()));
    return keys;
  }

  public List<Observation> where(Predicate<Observation> p) {
    return observations.stream().filter(p).toList();
  }

  /** Distinct (severity, title) pairs: how DefectDojo merges several formats' findings. */
  public Set<String> severityTitlePairs() {
    Set<String> keys = new LinkedHashSet<>();
    observations.forEach(o -> keys.add(o.severity() + "|" + o.weakness().title()));
    return keys;
  }
}
