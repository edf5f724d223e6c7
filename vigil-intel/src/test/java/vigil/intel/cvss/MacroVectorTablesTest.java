package vigil.intel.cvss;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacroVectorTablesTest {

  @Test
  void shippedLookupHasEveryMacroVectorOfThePublishedTableWithItsScore() {
    MacroVectorTables tables = MacroVectorTables.get();
    List<ReferenceData.Row> rows = ReferenceData.rows("cvss40-macrovector-lookup.tsv");
    List<String> mismatches = new ArrayList<>();
    for (ReferenceData.Row row : rows) {
      int[] eq = new int[6];
      for (int i = 0; i < 6; i++) {
        eq[i] = Integer.parseInt(row.cell(1 + i));
      }
      double expected = Double.parseDouble(row.cell(7));
      double actual = tables.score(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]);
      if (actual != expected) {
        mismatches.add(row.cell(0) + ": expected " + expected + ", got " + actual);
      }
    }
    assertThat(rows).hasSize(MacroVectorTables.MACROVECTORS);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void macroVectorsOutsideTheTableHaveNoScore() {
    MacroVectorTables tables = MacroVectorTables.get();
    assertThat(tables.score(0, 0, 2, 0, 0, 0)).as("EQ3=2 only with EQ6=1").isNaN();
    assertThat(tables.score(3, 0, 0, 0, 0, 0)).isNaN();
    assertThat(tables.score(0, 0, 0, 0, 0, -1)).isNaN();
  }

  @Test
  void tablesAreLoadedOnce() {
    assertThat(MacroVectorTables.get()).isSameAs(MacroVectorTables.get());
  }

  @Test
  void licenceNoticeShipsBesideTheTables() throws Exception {
    try (var notice = MacroVectorTables.class.getResourceAsStream("NOTICE")) {
      assertThat(notice).isNotNull();
      assertThat(new String(notice.readAllBytes(), StandardCharsets.UTF_8))
          .contains(
              "BSD-2-Clause", "Copyright (c) 2023 FIRST.ORG, Inc., Red Hat, and contributors");
    }
  }
}
