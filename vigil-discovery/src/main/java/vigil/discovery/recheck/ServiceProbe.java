package vigil.discovery.recheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Looks at one TCP service the way a client does: connect, read a greeting if the service sends
 * one, else try a TLS handshake, then send one {@code GET /} and read at most {@value #MAX_READ}
 * bytes of the answer. Every step has the timeout given; nothing is sent beyond that request.
 */
final class ServiceProbe {
  static final int MAX_READ = 64 * 1024;
  private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final int timeoutMillis;
  private final int greetingMillis;

  ServiceProbe(Duration timeout) {
    this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    this.greetingMillis = Math.min(timeoutMillis, 1000);
  }

  ProbeResult probe(InetAddress address, int port) {
    String a = address.getHostAddress();
    String banner;
    try (Socket s = connect(address, port)) {
      banner = greeting(s);
    } catch (IOException e) {
      return new ProbeResult(a, port, false, describe(e), null, null, null, null, null, null, null);
    }
    if (banner != null) {
      return new ProbeResult(a, port, true, null, banner, null, null, null, null, null, null);
    }
    Tls tls = handshake(address, port);
    Http http = tls != null ? tls.http : http(address, port);
    return new ProbeResult(a, port, true, null, null, tls == null ? null : tls.protocol, tls == null ? null : tls.subject,
        tls == null ? null : tls.notAfter, http == null ? null : http.status, http == null ? null : http.server,
        http == null ? null : http.title);
  }

  private Socket connect(InetAddress address, int port) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress(address, port), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** The first line a service sends unasked, or null when it waits for the client. */
  private String greeting(Socket s) throws IOException {
    s.setSoTimeout(greetingMillis);
    try {
      byte[] buf = new byte[512];
      int n = s.getInputStream().read(buf);
      if (n <= 0) {
        return null;
      }
      String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      int eol = text.indexOf('\n');
      return clean(eol < 0 ? text : text.substring(0, eol));
    } catch (SocketTimeoutException quiet) {
      return null;
    }
  }

  private record Tls(String protocol, String subject, java.time.Instant notAfter, Http http) {}

  private record Http(int status, String server, String title) {}

  /**
   * A TLS handshake that accepts any certificate: the re-check reads the certificate, it does not
   * rely on it (nothing secret is sent). Null when the service does not speak TLS.
   */
  private Tls handshake(InetAddress address, int port) {
    try (Socket plain = connect(address, port)) {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new ReadOnlyTrust()}, null);
      try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, address.getHostAddress(), port, false)) {
        tls.setSoTimeout(timeoutMillis);
        tls.startHandshake();
        X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
        Http http = exchange(tls, address);
        return new Tls(tls.getSession().getProtocol(), leaf.getSubjectX500Principal().getName(),
            leaf.getNotAfter().toInstant(), http);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException notTls) {
      return null;
    }
  }

  private Http http(InetAddress address, int port) {
    try (Socket s = connect(address, port)) {
      return exchange(s, address);
    } catch (IOException e) {
      return null;
    }
  }

  /** One {@code GET /}; null when the answer is no HTTP. */
  private static Http exchange(Socket s, InetAddress address) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(("GET / HTTP/1.0\r\nHost: " + address.getHostAddress() + "\r\nUser-Agent: Vigil re-check\r\n"
        + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String text = readAtMost(s.getInputStream());
    if (!text.startsWith("HTTP/")) {
      return null;
    }
    String[] lines = text.split("\r?\n");
    String[] status = lines[0].split(" ");
    int code = status.length > 1 && status[1].matches("\\d{3}") ? Integer.parseInt(status[1]) : 0;
    String server = null;
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      if (lines[i].toLowerCase(Locale.ROOT).startsWith("server:")) {
        server = clean(lines[i].substring(7));
      }
    }
    Matcher m = TITLE.matcher(text);
    return new Http(code, server, m.find() ? clean(m.group(1)) : null);
  }

  private static String readAtMost(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n = in.read(chunk); n > 0 && buf.size() < MAX_READ; n = in.read(chunk)) {
        buf.write(chunk, 0, Math.min(n, MAX_READ - buf.size()));
      }
    } catch (SocketTimeoutException enough) {
      // A server that keeps the connection open: what arrived is what we judge.
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  /** Printable text only, at most 256 characters: what a service sends is not trusted. */
  private static String clean(String s) {
    String t = s.replaceAll("[\\p{Cntrl}]", " ").trim();
    return t.length() > 256 ? t.substring(0, 256) : t;
  }

  private static String describe(IOException e) {
    return e instanceof SocketTimeoutException ? "timed out" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static final class ReadOnlyTrust implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
