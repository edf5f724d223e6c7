package vigil.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One benchmark's figures: printed as a line for people and appended as one JSON object per line
 * to {@code bench-data/results.jsonl} (or {@code -Dvigil.bench.results=FILE}), with the machine
 * they were measured on.
 */
final class ResultLog {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final double MIB = 1024.0 * 1024.0;

  private final Map<String, Object> fields = new LinkedHashMap<>();

  ResultLog(String benchmark) {
    fields.put("benchmark", benchmark);
    fields.put("at", Instant.now().toString());
  }

  ResultLog put(String name, Object value) {
    fields.put(name, value instanceof Double d ? round(d) : value);
    return this;
  }

  ResultLog resources(ResourceWatch w) {
    put("cpuSeconds", w.cpuSeconds());
    put("heapPeakMiB", w.peakBytes() / MIB);
    put("heapLiveMaxMiB", w.maxLiveBytes() / MIB);
    put("gcCount", w.collections());
    put("gcPauseSeconds", w.collectionMillis() / 1e3);
    put("loadBefore", w.loadBefore());
    put("loadAfter", ResourceWatch.loadNow());
    return this;
  }

  /** Adds the machine, appends the JSON line and returns it. */
  String append() throws IOException {
    fields.put("cores", Runtime.getRuntime().availableProcessors());
    fields.put("xmxMiB", round(ResourceWatch.maxHeapBytes() / MIB));
    fields.put("jvmArgs", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    fields.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    fields.put("commit", System.getProperty("vigil.bench.commit"));
    String line = JSON.writeValueAsString(fields);
    Path file = Paths.get(System.getProperty("vigil.bench.results", "bench-data/results.jsonl"));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return line;
  }

  private static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  /** File sizes in MB (10^6 bytes). */
  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** Memory in MiB (2^20 bytes), as -Xmx counts it. */
  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
  }

  /** "met" or "MISSED", for the target column of a result line. */
  static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }
}
