package vigil.store.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;

/**
 * Runs a source (a parser) on a thread of its own and hands what it reads to the sink on the
 * caller's thread, in file order, through a bounded queue. Parsing and storing then overlap on two
 * cores, memory stays bounded by the queue, and the sink (the import's session and its
 * connection) is only ever called on the caller's thread.
 */
final class ReadAhead {
  /** Items per hand-over: large enough that the queue's locking costs nothing per observation. */
  static final int CHUNK = 512;
  /** Chunks the parser may run ahead of the store: a few MB of observations at most. */
  static final int CHUNKS = 8;

  private ReadAhead() {}

  /**
   * Reads {@code source} into {@code sink} and returns when the source has finished. The source's
   * exception is rethrown as it was thrown; an exception of the sink stops the source.
   */
  static void run(ImportSource source, ObservationSink sink, String name) throws Exception {
    Producer producer = new Producer();
    Thread thread = new Thread(() -> producer.read(source), "vigil-read " + name);
    thread.setDaemon(true);
    thread.start();
    try {
      while (true) {
        Chunk chunk = producer.queue.take();
        for (Object item : chunk.items) {
          if (item instanceof Observation o) {
            sink.observation(o);
          } else {
            sink.covered((AssetRef) item);
          }
        }
        if (chunk.last) {
          if (chunk.failure instanceof Exception e) {
            throw e;
          } else if (chunk.failure instanceof Error e) {
            throw e;
          } else if (chunk.failure != null) {
            throw new IllegalStateException(chunk.failure);
          }
          return;
        }
      }
    } finally {
      producer.cancelled = true;
      thread.interrupt();
      producer.queue.clear();
      thread.join();
    }
  }

  /** A run of covered assets and observations in file order; the last one may carry the source's failure. */
  private record Chunk(List<Object> items, boolean last, Throwable failure) {}

  /** The sink the source writes into, on the reading thread. */
  private static final class Producer implements ObservationSink {
    final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS);
    volatile boolean cancelled;
    private List<Object> items = new ArrayList<>(CHUNK);

    void read(ImportSource source) {
      Throwable failure = null;
      try {
        source.readInto(this);
      } catch (Throwable t) {
        failure = t;
      }
      if (!cancelled) {
        try {
          queue.put(new Chunk(items, true, failure));
        } catch (InterruptedException e) {
          // cancelled by the consumer, which no longer reads the queue
        }
      }
    }

    @Override
    public void covered(AssetRef asset) {
      add(asset);
    }

    @Override
    public void observation(Observation observation) {
      add(observation);
    }

    private void add(Object item) {
      if (cancelled) {
        throw new CancellationException("the import stopped");
      }
      items.add(item);
      if (items.size() == CHUNK) {
        try {
          queue.put(new Chunk(items, false, null));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancellationException("the import stopped");
        }
        items = new ArrayList<>(CHUNK);
      }
    }
  }
}
