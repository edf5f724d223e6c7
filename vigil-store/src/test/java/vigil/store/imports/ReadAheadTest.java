package vigil.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.ingest.ParseException;

class ReadAheadTest {
  private static AssetRef host(int i) {
    return AssetRef.builder(AssetKind.HOST).host("10.0." + (i / 250) + "." + (i % 250)).build();
  }

  /** Records what reaches it and on which thread. */
  private static class Recording implements ObservationSink {
    final List<AssetRef> covered = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    @Override
    public void covered(AssetRef asset) {
      covered.add(asset);
      threads.add(Thread.currentThread());
    }

    @Override
    public void observation(Observation observation) {
      throw new AssertionError("no observation expected");
    }
  }

  @Test
  void everythingTheSourceReadsReachesTheSinkInOrderOnTheCallersThread() throws Exception {
    List<AssetRef> sent = new ArrayList<>();
    for (int i = 0; i < ReadAhead.CHUNK * ReadAhead.CHUNKS * 3 + 7; i++) {
      sent.add(host(i));
    }
    Recording sink = new Recording();
    ReadAhead.run(s -> sent.forEach(s::covered), sink, "test");
    assertThat(sink.covered).isEqualTo(sent);
    assertThat(sink.threads).containsOnly(Thread.currentThread());
  }

  @Test
  void theSourcesExceptionIsRethrownAsItWasThrown() {
    ParseException refused = new ParseException("scan.nessus", "ReportItem 3", "truncated");
    Recording sink = new Recording();
    assertThatThrownBy(() -> ReadAhead.run(s -> {
      for (int i = 0; i < 1000; i++) {
        s.covered(host(i));
      }
      throw refused;
    }, sink, "test")).isSameAs(refused);
    assertThat(sink.covered).hasSize(1000);
  }

  @Test
  void aFailingSinkStopsTheSource() throws Exception {
    AtomicReference<Thread> reader = new AtomicReference<>();
    IllegalStateException storeFailed = new IllegalStateException("store failed");
    ObservationSink failing = new Recording() {
      @Override
      public void covered(AssetRef asset) {
        throw storeFailed;
      }
    };
    assertThatThrownBy(() -> ReadAhead.run(s -> {
      reader.set(Thread.currentThread());
      for (int i = 0; ; i++) {
        s.covered(host(i % 1000));
      }
    }, failing, "test")).isSameAs(storeFailed);
    assertThat(reader.get().isAlive()).isFalse();
  }
}
