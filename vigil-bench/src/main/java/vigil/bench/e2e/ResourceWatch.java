package vigil.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What a measured stretch of work used besides wall time. Heap, from the collector's own
 * notifications: the peak is the most heap in use just before any collection (used heap only grows
 * between collections, so this is exact), the live maximum the most still in use just after one
 * (what the work kept reachable); both are bounded by {@code -Xmx}. CPU time of this process, which
 * other load on a shared machine disturbs less than wall time, and the load average around the run
 * to show whether it was shared.
 */
final class ResourceWatch implements AutoCloseable {
  private final List<MemoryPoolMXBean> pools;
  private final Set<String> heapPoolNames;
  private final AtomicLong maxBeforeGc = new AtomicLong();
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final long gcCountBefore;
  private final long gcMillisBefore;
  private final long cpuNanosBefore;
  private final double loadBefore;
  private final NotificationListener listener = this::onGc;

  private ResourceWatch() {
    pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    heapPoolNames = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    gcCountBefore = collectors().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    gcMillisBefore = collectors().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    cpuNanosBefore = os().getProcessCpuTime();
    loadBefore = os().getSystemLoadAverage();
  }

  private static OperatingSystemMXBean os() {
    return (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  }

  /** Collects garbage and starts listening to collections. */
  static ResourceWatch start() {
    System.gc();
    ResourceWatch w = new ResourceWatch();
    for (GarbageCollectorMXBean gc : collectors()) {
      ((NotificationEmitter) gc).addNotificationListener(w.listener, null, null);
    }
    return w;
  }

  private static List<GarbageCollectorMXBean> collectors() {
    return ManagementFactory.getGarbageCollectorMXBeans();
  }

  private void onGc(Notification n, Object handback) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    maxBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
    maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
  }

  private long heapUsed(Map<String, MemoryUsage> byPool) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : byPool.entrySet()) {
      if (heapPoolNames.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    return used;
  }

  /** The most heap in use at any time since {@link #start()}, in bytes. */
  long peakBytes() {
    long now = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    return Math.max(maxBeforeGc.get(), now);
  }

  /** The most heap in use right after any collection since {@link #start()}, in bytes. */
  long maxLiveBytes() {
    return maxAfterGc.get();
  }

  long collections() {
    return collectors().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcCountBefore;
  }

  long collectionMillis() {
    return collectors().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gcMillisBefore;
  }

  /** CPU time of this process (all its threads, the collector's included) since {@link #start()}. */
  double cpuSeconds() {
    return (os().getProcessCpuTime() - cpuNanosBefore) / 1e9;
  }

  /** The one-minute load average when the watch started. */
  double loadBefore() {
    return loadBefore;
  }

  static double loadNow() {
    return os().getSystemLoadAverage();
  }

  static long maxHeapBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : collectors()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // never registered on this collector: nothing to undo
      }
    }
  }
}
