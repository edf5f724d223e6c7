package vigil.intel.ssvc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CISA's SSVC decision tree (CISA Coordinator v2.0.3), looked up in CERT/CC's published table
 * rather than coded as branches, so a new table version is a resource change. The table is
 * checked on load to give exactly one decision for every combination of the four inputs.
 */
public final class CisaDecisionTree {
  /** The bundled table: CERTCC/SSVC {@code data/csv/cisa/cisa_coordinator_2_0_3.csv} (licence LICENSE-SSVC beside it). */
  static final String RESOURCE = "cisa_coordinator_2_0_3.csv";
  private static final String[] COLUMNS = {
    "Exploitation", "Automatable", "Technical Impact", "Mission and Well-Being Impact", "CISA Levels"
  };
  private static final int SIZE = Exploitation.values().length * Automatable.values().length
      * TechnicalImpact.values().length * MissionWellbeing.values().length;

  private static final CisaDecisionTree STANDARD = loadBundled();

  /** One row of the table: four inputs and the decision. */
  public record Rule(
      Exploitation exploitation,
      Automatable automatable,
      TechnicalImpact technicalImpact,
      MissionWellbeing missionWellbeing,
      Decision decision) {
    public Rule {
      Objects.requireNonNull(exploitation, "exploitation");
      Objects.requireNonNull(automatable, "automatable");
      Objects.requireNonNull(technicalImpact, "technicalImpact");
      Objects.requireNonNull(missionWellbeing, "missionWellbeing");
      Objects.requireNonNull(decision, "decision");
    }
  }

  private final List<Rule> rules;
  private final Decision[] byInputs;

  private CisaDecisionTree(List<Rule> rules, Decision[] byInputs) {
    this.rules = List.copyOf(rules);
    this.byInputs = byInputs;
  }

  /** CISA's tree as published (CISA Coordinator v2.0.3). */
  public static CisaDecisionTree standard() {
    return STANDARD;
  }

  /** The decision for one vulnerability (first three inputs) in one organisation's context (the fourth). */
  public Decision decide(Exploitation exploitation, Automatable automatable, TechnicalImpact technicalImpact,
      MissionWellbeing missionWellbeing) {
    return byInputs[index(Objects.requireNonNull(exploitation, "exploitation"),
        Objects.requireNonNull(automatable, "automatable"),
        Objects.requireNonNull(technicalImpact, "technicalImpact"),
        Objects.requireNonNull(missionWellbeing, "missionWellbeing"))];
  }

  /** The table's rows in its order. */
  public List<Rule> rules() {
    return rules;
  }

  private static int index(Exploitation e, Automatable a, TechnicalImpact t, MissionWellbeing m) {
    int i = e.ordinal();
    i = i * Automatable.values().length + a.ordinal();
    i = i * TechnicalImpact.values().length + t.ordinal();
    return i * MissionWellbeing.values().length + m.ordinal();
  }

  private static CisaDecisionTree loadBundled() {
    try (InputStream in = CisaDecisionTree.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("SSVC table resource missing: " + RESOURCE);
      }
      return parse(RESOURCE, new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SSVC table " + RESOURCE, e);
    }
  }

  /**
   * Reads a table in CERT/CC's CSV layout: a {@code row} column, then one column per decision
   * point headed "Name vX.Y.Z" (found by name, in any order), values in SSVC's lowercase labels.
   * A missing column, an unknown value, a repeated or missing combination is refused with the line.
   */
  static CisaDecisionTree parse(String source, Reader reader) throws IOException {
    List<Rule> rules = new ArrayList<>();
    Decision[] byInputs = new Decision[SIZE];
    try (CSVParser csv = CSVParser.builder().setReader(reader).setFormat(CSVFormat.RFC4180).get()) {
      List<CSVRecord> records = csv.getRecords();
      if (records.isEmpty()) {
        throw new IllegalStateException(source + ": empty SSVC table");
      }
      int[] col = columns(source, records.get(0));
      for (int r = 1; r < records.size(); r++) {
        Rule rule = rule(source, r + 1, records.get(r), col);
        int i = index(rule.exploitation(), rule.automatable(), rule.technicalImpact(), rule.missionWellbeing());
        if (byInputs[i] != null) {
          throw new IllegalStateException(source + ": line " + (r + 1) + ": combination given twice: " + rule);
        }
        byInputs[i] = rule.decision();
        rules.add(rule);
      }
    }
    if (rules.size() != SIZE) {
      throw new IllegalStateException(source + ": expected " + SIZE + " rows, one per combination, found "
          + rules.size());
    }
    return new CisaDecisionTree(rules, byInputs);
  }

  private static int[] columns(String source, CSVRecord header) {
    int[] col = new int[COLUMNS.length];
    for (int c = 0; c < COLUMNS.length; c++) {
      col[c] = -1;
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).strip().startsWith(COLUMNS[c] + " v")) {
          col[c] = i;
        }
      }
      if (col[c] < 0) {
        throw new IllegalStateException(source + ": line 1: expected a column '" + COLUMNS[c]
            + " vX.Y.Z', found " + header.toList());
      }
    }
    return col;
  }

  private static Rule rule(String source, int line, CSVRecord record, int[] col) {
    try {
      return new Rule(
          Exploitation.parse(record.get(col[0])),
          Automatable.parse(record.get(col[1])),
          TechnicalImpact.parse(record.get(col[2])),
          MissionWellbeing.parse(record.get(col[3])),
          Decision.parse(record.get(col[4])));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException(source + ": line " + line + ": " + e.getMessage(), e);
    }
  }
}
