package vigil.intel.feeds.io;

import java.time.Instant;
import tools.jackson.core.JsonToken;
import vigil.intel.feeds.FeedException;

/**
 * Walks a STIX bundle ({@code {"type": "bundle", "objects": [...]}}, STIX 2.0 or 2.1) one object
 * at a time, in whatever order the objects come, and notes the latest {@code modified} of any
 * object: MITRE's bundles carry no release date of their own.
 */
public final class StixBundle {

  /** What to do with each object; returns whether it became a record of the feed. */
  @FunctionalInterface
  public interface ObjectHandler {
    boolean accept(JsonRecord object, String type) throws FeedException;
  }

  /** How many objects became records, and the latest modification time seen. */
  public record Summary(long records, Instant latestModified) {}

  private StixBundle() {}

  /** Reads the whole bundle; {@code what} names the expected file in messages. */
  public static Summary forEachObject(FeedFile file, String what, ObjectHandler handler) throws FeedException {
    boolean bundle = false;
    boolean objects = false;
    long[] records = {0};
    Instant[] latest = {null};
    try (JsonFeed json = JsonFeed.open(file)) {
      json.start(JsonToken.START_OBJECT, what);
      String name;
      while ((name = json.nextProperty()) != null) {
        switch (name) {
          case "type" -> bundle = checkType(json, what, json.scalar(name));
          case "objects" -> {
            objects = true;
            json.forEachElement("/objects", o -> {
              o.requireObject("a STIX object");
              Instant modified = o.instant("modified");
              if (modified != null && (latest[0] == null || modified.isAfter(latest[0]))) {
                latest[0] = modified;
              }
              if (handler.accept(o, o.required("type"))) {
                records[0]++;
              }
            });
          }
          default -> json.skip();
        }
      }
      json.finish();
    }
    if (!bundle || !objects) {
      throw file.error("", "expected " + what + ": missing " + (bundle ? "objects" : "type"));
    }
    return new Summary(records[0], latest[0]);
  }

  private static boolean checkType(JsonFeed json, String what, String type) throws FeedException {
    if (!"bundle".equals(type)) {
      throw json.error("expected " + what + ", found type '" + type + "'");
    }
    return true;
  }
}
