package vigil.integrations.notify;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a notification for a channel with the Mustache template {@code <channel>/<event
 * key>.mustache}: from an override directory when one is given and holds the file, else from
 * Vigil's built-in templates. A template's first line is the title (Slack header, Teams card
 * title, e-mail subject, webhook {@code text}); the rest is the body in the channel's markup.
 * Template variables are the notification record's components; instants render as {@code
 * 2025-01-31 14:05 UTC}. Unknown variables are errors, so a typo fails the template tests.
 * Thread-safe.
 */
public final class Templates {
  public static final String SLACK = "slack";
  public static final String TEAMS = "teams";
  public static final String EMAIL = "email";
  public static final String WEBHOOK = "webhook";

  private static final String BUILT_IN = "/vigil/integrations/notify/templates/";
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  /** Slack's mrkdwn treats &, < and > as control characters (links, mentions such as <!channel>). */
  private static final Mustache.Escaper SLACK_ESCAPER =
      Escapers.simple(new String[][] {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}});

  private final Path overrides;
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  private Templates(Path overrides) {
    this.overrides = overrides;
  }

  /** Vigil's own templates only. */
  public static Templates builtIn() {
    return new Templates(null);
  }

  /** Templates from {@code dir/<channel>/<event>.mustache} where present, else the built-in ones. */
  public static Templates withOverrides(Path dir) {
    return new Templates(Objects.requireNonNull(dir, "dir"));
  }

  /** A rendered notification: title line and body. */
  public record Rendered(String title, String body) {}

  public Rendered render(String channel, Notification notification) {
    String name = channel + "/" + notification.event().key() + ".mustache";
    Template template = compiled.computeIfAbsent(name, n -> compile(channel, n));
    String text;
    try {
      text = template.execute(notification);
    } catch (MustacheException e) {
      throw new IllegalStateException("template " + name + " does not fit "
          + notification.event().type().getSimpleName() + ": " + e.getMessage(), e);
    }
    String stripped = text.strip();
    int eol = stripped.indexOf('\n');
    String title = (eol < 0 ? stripped : stripped.substring(0, eol)).strip();
    String body = eol < 0 ? "" : stripped.substring(eol + 1).strip();
    return new Rendered(title, body);
  }

  private Template compile(String channel, String name) {
    Mustache.Compiler compiler = Mustache.compiler()
        .withEscaper(channel.equals(SLACK) ? SLACK_ESCAPER : Escapers.NONE)
        .nullValue("")
        .withFormatter(value -> value instanceof Instant i ? INSTANT.format(i) : String.valueOf(value));
    String source = read(name).orElseThrow(() ->
        new IllegalArgumentException("no template " + name + " (channel '" + channel + "')"));
    try {
      return compiler.compile(source);
    } catch (MustacheException e) {
      throw new IllegalStateException("template " + name + " does not compile: " + e.getMessage(), e);
    }
  }

  private Optional<String> read(String name) {
    try {
      if (overrides != null) {
        Path file = overrides.resolve(name).normalize();
        if (file.startsWith(overrides.normalize()) && Files.isRegularFile(file)) {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      try (InputStream in = Templates.class.getResourceAsStream(BUILT_IN + name)) {
        return in == null ? Optional.empty()
            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + name, e);
    }
  }
}
