package vigil.discovery.recheck;

import java.time.Instant;

/**
 * What a probe saw; every field but {@code reachable} may be null.
 *
 * @param error why the service was not reachable (refused, timed out)
 * @param banner the first line a service sent unasked (SSH, SMTP, FTP greet first)
 * @param tlsProtocol the negotiated protocol when the service speaks TLS ("TLSv1.3")
 * @param certificateSubject the leaf certificate's subject, read without trusting it
 * @param httpServer the Server header of the answer to {@code GET /}
 */
public record ProbeResult(
    String address,
    int port,
    boolean reachable,
    String error,
    String banner,
    String tlsProtocol,
    String certificateSubject,
    Instant certificateNotAfter,
    Integer httpStatus,
    String httpServer,
    String httpTitle) {

  /** True when the banner, the Server header, the title or the certificate subject contains the text. */
  public boolean shows(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String t = text.trim();
    for (String s : new String[] {banner, httpServer, httpTitle, certificateSubject}) {
      if (s != null && s.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** One line for evidence and for people. */
  public String summary() {
    if (!reachable) {
      return address + ":" + port + " not reachable: " + error;
    }
    StringBuilder sb = new StringBuilder(address + ":" + port + " reachable");
    if (banner != null) {
      sb.append("; banner '").append(banner).append('\'');
    }
    if (tlsProtocol != null) {
      sb.append("; ").append(tlsProtocol).append(", certificate ").append(certificateSubject).append(" valid until ")
          .append(certificateNotAfter);
    }
    if (httpStatus != null) {
      sb.append("; HTTP ").append(httpStatus);
      if (httpServer != null) {
        sb.append(", Server '").append(httpServer).append('\'');
      }
      if (httpTitle != null) {
        sb.append(", title '").append(httpTitle).append('\'');
      }
    }
    return sb.toString();
  }
}
