package vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void blockTagsBecomeLineBreaksAndOtherTagsGo() {
    assertThat(Html.toText("<p>First <b>bold</b> line.</p><p>Second<br>third</p>"))
        .isEqualTo("First bold line.\n\nSecond\nthird");
  }

  @Test
  void listItemsBecomeDashes() {
    assertThat(Html.toText("Found:<ul><li>a</li><li>b</li></ul>")).isEqualTo("Found:\n\n- a\n- b");
  }

  @Test
  void characterReferencesAreDecodedAfterTagsAreRemoved() {
    assertThat(Html.toText("&lt;script&gt; &amp; &#39;x&#x27; &quot;y&quot;&nbsp;z &bogus;"))
        .isEqualTo("<script> & 'x' \"y\" z &bogus;");
  }

  @Test
  void indentationAndRunsOfSpaceCollapse() {
    assertThat(Html.toText("  If         such\n      a   condition  ")).isEqualTo("If such\na condition");
  }

  @Test
  void markupOnlyIsNull() {
    assertThat(Html.toText("<p> </p><br/>")).isNull();
    assertThat(Html.toText(null)).isNull();
  }

  @Test
  void comparisonsInTextAreNotTakenForTags() {
    assertThat(Html.toText("if a < 5 and b > 3")).isEqualTo("if a < 5 and b > 3");
  }
}
