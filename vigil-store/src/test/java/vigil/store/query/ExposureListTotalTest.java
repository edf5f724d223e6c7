package vigil.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;
import vigil.store.Database;
import vigil.store.TestDatabases;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.Importer;
import vigil.store.security.Visibility;

/**
 * The listing's total: exact up to the count cap or the end of the page, a lower bound past both,
 * and the same whichever filter needs the joins. A cap of 3 stands for the real one.
 */
class ExposureListTotalTest {
  private static final String FULL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

  static List<String> engines() {
    return TestDatabases.engines();
  }

  /** Seven exposures on one host: ports 1..7, titles "Issue CVE-2099-000n". */
  private static Database seven(String engine) throws Exception {
    Database db = TestDatabases.open(engine);
    AssetRef host = AssetRef.builder(AssetKind.HOST).host("10.7.7.7").build();
    List<Observation> found = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      String cve = "CVE-2099-000" + i;
      Weakness w = new Weakness(WeaknessKind.VULNERABILITY, "scanner:" + cve, "Issue " + cve, List.of(cve), List.of());
      found.add(new Observation(host, w, Location.port(i, "tcp", null), Severity.HIGH, "High",
          new Cvss(null, null, FULL, 9.8, null, null), "d", "patch", "evidence " + i, null));
    }
    new Importer(db).run(new ImportRequest("scan", "test", "Nessus", "scan-sha", "tester", Instant.now(), null), sink -> {
      sink.covered(host);
      found.forEach(sink::observation);
    });
    return db;
  }

  private static ExposureFilter page(String search, Set<ExposureStatus> statuses, int limit, int offset) {
    return new ExposureFilter(statuses, null, null, null, null, search, "risk", limit, offset);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void totalIsExactUpToTheCapAndALowerBoundBeyond(String engine) throws Exception {
    try (Database db = seven(engine)) {
      ExposureQueries capped = new ExposureQueries(db, 3);
      Visibility all = Visibility.everything();

      Page<ExposureView> first = capped.list(all, page(null, null, 2, 0));
      assertThat(first.items()).hasSize(2);
      assertThat(first.total()).isEqualTo(3);
      assertThat(first.totalIsLowerBound()).isTrue();

      Page<ExposureView> second = capped.list(all, page(null, null, 2, 2));
      assertThat(second.total()).isEqualTo(4);
      assertThat(second.totalIsLowerBound()).isTrue();

      // A page reaching past the cap is counted to its end.
      Page<ExposureView> further = capped.list(all, page(null, null, 2, 4));
      assertThat(further.items()).hasSize(2);
      assertThat(further.total()).isEqualTo(6);
      assertThat(further.totalIsLowerBound()).isTrue();

      // The last page, full or not, gives the exact total.
      Page<ExposureView> last = capped.list(all, page(null, null, 2, 6));
      assertThat(last.items()).hasSize(1);
      assertThat(last.total()).isEqualTo(7);
      assertThat(last.totalIsLowerBound()).isFalse();
      Page<ExposureView> lastFull = capped.list(all, page(null, null, 7, 0));
      assertThat(lastFull.total()).isEqualTo(7);
      assertThat(lastFull.totalIsLowerBound()).isFalse();

      // Past the end: nothing, and the exact total.
      Page<ExposureView> past = capped.list(all, page(null, null, 2, 10));
      assertThat(past.items()).isEmpty();
      assertThat(past.total()).isEqualTo(7);
      assertThat(past.totalIsLowerBound()).isFalse();

      // Uncapped (the real cap), and with a search, which counts over the joins.
      ExposureQueries queries = new ExposureQueries(db);
      assertThat(queries.list(all, page(null, null, 2, 0)).total()).isEqualTo(7);
      assertThat(queries.list(all, page(null, null, 2, 0)).totalIsLowerBound()).isFalse();
      Page<ExposureView> searched = capped.list(all, page("cve-2099-000", null, 2, 0));
      assertThat(searched.total()).isEqualTo(3);
      assertThat(searched.totalIsLowerBound()).isTrue();
      assertThat(queries.list(all, page("cve-2099-0005", null, 2, 0)).total()).isEqualTo(1);
      assertThat(queries.list(all, page("10.7.7.7", null, 2, 0)).total()).isEqualTo(7);

      // Filters and visibility still narrow what is counted.
      assertThat(capped.list(all, page(null, Set.of(ExposureStatus.FIXED), 2, 0)).total()).isZero();
      assertThat(capped.list(Visibility.of(Set.of("elsewhere"), Set.of()), page(null, null, 2, 0)).total()).isZero();
      assertThat(capped.list(Visibility.of(Set.of(), Set.of()), page(null, null, 2, 0)).items()).isEmpty();
    }
  }
}
