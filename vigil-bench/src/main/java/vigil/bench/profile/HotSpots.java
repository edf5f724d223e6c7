package vigil.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Summarises the stack samples of a flight recording ({@code -XX:StartFlightRecording}): where the
 * time is spent itself (top frames, and by package), which Vigil method called into it, and which
 * Vigil methods it is spent under (inclusive: every Vigil method on the sampled stack counts once).
 */
@Command(name = "HotSpots", mixinStandardHelpOptions = true,
    description = "Top frames of the stack samples of a JFR recording.")
public final class HotSpots implements Callable<Integer> {

  @Parameters(index = "0", description = "the .jfr file")
  Path recording;

  @Option(names = "--top", description = "rows per table (default: ${DEFAULT-VALUE})", defaultValue = "25")
  int top;

  @Option(names = "--thread", description = "only samples of this thread (default: all)")
  String thread;

  @Option(names = "--event", description = "jdk.ExecutionSample (threads running Java: CPU) or"
      + " jdk.NativeMethodSample (threads in native code: mostly waiting on sockets and files)"
      + " (default: ${DEFAULT-VALUE})", defaultValue = "jdk.ExecutionSample")
  String event;

  public static void main(String[] args) {
    System.exit(new CommandLine(new HotSpots()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> selfPackage = new HashMap<>();
    Map<String, Integer> vigilInclusive = new HashMap<>();
    Map<String, Integer> vigilFirst = new HashMap<>();
    Map<String, Integer> entries = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!e.getEventType().getName().equals(event)) {
        continue;
      }
      if (thread != null && !thread.equals(e.getThread("sampledThread").getJavaName())) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      RecordedMethod topMethod = frames.get(0).getMethod();
      self.merge(name(topMethod), 1, Integer::sum);
      selfPackage.merge(area(topMethod.getType().getName()), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      boolean first = true;
      for (int i = 0; i < frames.size(); i++) {
        RecordedFrame f = frames.get(i);
        if (isVigil(f)) {
          String n = name(f.getMethod());
          if (first) {
            vigilFirst.merge(n, 1, Integer::sum);
            String callee = i == 0 ? "(itself)" : name(frames.get(i - 1).getMethod());
            entries.merge(n + "  ->  " + callee, 1, Integer::sum);
            first = false;
          }
          if (seen.add(n)) {
            vigilInclusive.merge(n, 1, Integer::sum);
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s: %d %s events%s%n", recording, samples, event,
        thread == null ? "" : " on thread " + thread);
    print("Self time by top frame", self, samples);
    print("Self time by area (package of the top frame)", selfPackage, samples);
    print("Self time attributed to the nearest Vigil caller", vigilFirst, samples);
    print("... and the library method it called", entries, samples);
    print("Inclusive time under Vigil methods", vigilInclusive, samples);
    return 0;
  }

  private void print(String title, Map<String, Integer> counts, int samples) {
    System.out.println();
    System.out.println(title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %6d  %s%n", 100.0 * e.getValue() / samples,
            e.getValue(), e.getKey()));
  }

  private static boolean isVigil(RecordedFrame f) {
    String type = f.getMethod().getType().getName();
    return type.startsWith("vigil.") && !type.startsWith("vigil.bench.");
  }

  private static String name(RecordedMethod m) {
    String type = m.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName() + "  (" + type.substring(0,
        Math.max(0, type.lastIndexOf('.'))) + ")";
  }

  /** A package prefix coarse enough to read: the library or the Vigil module. */
  private static String area(String type) {
    String[] parts = type.split("\\.");
    int depth = type.startsWith("com.sun.org.apache.") ? 5
        : type.startsWith("vigil.") || type.startsWith("org.") || type.startsWith("com.") ? 3 : 2;
    return String.join(".", java.util.Arrays.copyOf(parts, Math.min(depth, parts.length - 1)));
  }
}
