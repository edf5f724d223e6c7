package vigil.integrations;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what Vigil logs or stores about a delivery: URLs, header values and
 * free text such as an error body that echoes a token.
 */
public final class Redaction {
  /** What a removed secret looks like. */
  public static final String MASK = "***";

  private static final Set<String> SECRET_QUERY_NAMES = Set.of("sig", "signature", "token",
      "access_token", "api_key", "apikey", "key", "secret", "password", "code", "sp", "sv", "se",
      "auth", "client_secret");
  private static final Pattern QUERY_PARAM = Pattern.compile("([^&=]+)=([^&]*)");

  private Redaction() {}

  /**
   * An API endpoint with its path kept (it names the resource, e.g. {@code /rest/api/3/issue/SEC-1})
   * but without user-info and with the values of credential-like query parameters masked.
   */
  public static String endpoint(URI uri) {
    StringBuilder out = origin(uri);
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    String query = uri.getRawQuery();
    if (query != null && !query.isEmpty()) {
      out.append('?').append(maskQuery(query));
    }
    return out.toString();
  }

  /**
   * A URL that is itself the credential (Slack and Teams incoming webhooks, most generic
   * webhooks): only scheme, host and port remain, e.g. {@code https://hooks.slack.com/***}.
   */
  public static String secretUrl(URI uri) {
    return origin(uri).append('/').append(MASK).toString();
  }

  /** {@code text} with every occurrence of each secret's value replaced by {@link #MASK}. */
  public static String text(String text, Collection<Secret> secrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Secret s : secrets) {
      out = out.replace(s.reveal(), MASK);
    }
    return out;
  }

  /** The first {@code max} characters of a response body, secrets removed, on one line. */
  public static String excerpt(String body, int max, Collection<Secret> secrets) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    String clean = text(body, secrets).replaceAll("\\s+", " ").strip();
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }

  private static StringBuilder origin(URI uri) {
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      out.append(uri.getHost());
    }
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    }
    return out;
  }

  private static String maskQuery(String query) {
    Matcher m = QUERY_PARAM.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      boolean secret = SECRET_QUERY_NAMES.contains(name.toLowerCase(Locale.ROOT));
      m.appendReplacement(out, Matcher.quoteReplacement(name + "=" + (secret ? MASK : m.group(2))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
