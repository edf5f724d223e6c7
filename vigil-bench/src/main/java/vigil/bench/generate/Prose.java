package vigil.bench.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The wording of scanner advisories: version numbers, dates, CVE ids and vulnerability
 * descriptions assembled from the phrases real plugins use, with lengths that vary as theirs do.
 */
final class Prose {
  private static final List<String> FLAWS = List.of(
      "A heap-based buffer overflow condition exists in %s due to improper validation of user-supplied input."
          + " An unauthenticated, remote attacker can exploit this, via a specially crafted request, to cause a"
          + " denial of service condition or the execution of arbitrary code.",
      "A use-after-free error exists in %s. A remote attacker can exploit this, by convincing a user to open a"
          + " specially crafted file, to execute arbitrary code with the privileges of the current user.",
      "An information disclosure vulnerability exists in %s due to a race condition. A local attacker can"
          + " exploit this to read the contents of kernel memory.",
      "A cross-site scripting (XSS) vulnerability exists in %s due to improper validation of user-supplied input"
          + " before returning it to users. An unauthenticated, remote attacker can exploit this, by convincing a"
          + " user to click a specially crafted URL, to execute arbitrary script code in a user's browser session.",
      "A security feature bypass vulnerability exists in %s. An authenticated, remote attacker can exploit this"
          + " to bypass authentication and gain access to restricted resources.",
      "An integer overflow condition exists in %s. A remote attacker can exploit this, via a crafted file, to"
          + " cause a denial of service.",
      "A path traversal vulnerability exists in %s due to improper sanitization of user-supplied input. An"
          + " unauthenticated, remote attacker can exploit this, by sending a URI that contains directory traversal"
          + " characters, to disclose the contents of files located outside of the server's restricted path.",
      "An SQL injection vulnerability exists in %s due to improper validation of user-supplied input. An"
          + " authenticated, remote attacker can exploit this to inject or manipulate SQL queries in the back-end"
          + " database, resulting in the disclosure or manipulation of arbitrary data.",
      "A privilege escalation vulnerability exists in %s. An authenticated, local attacker can exploit this to"
          + " gain SYSTEM privileges.",
      "A denial of service (DoS) vulnerability exists in %s due to excessive memory consumption. An"
          + " unauthenticated, remote attacker can exploit this issue to cause the application to stop responding.",
      "An out-of-bounds read error exists in %s. An unauthenticated, remote attacker can exploit this to disclose"
          + " potentially sensitive information or cause the service to crash.",
      "A remote code execution vulnerability exists in %s due to unsafe deserialization of untrusted data. An"
          + " unauthenticated, remote attacker can exploit this to execute arbitrary commands.",
      "A server-side request forgery (SSRF) vulnerability exists in %s. A remote attacker can exploit this to"
          + " make requests to internal services on behalf of the server.",
      "A NULL pointer dereference flaw exists in %s when handling malformed messages. A remote attacker can"
          + " exploit this to cause a denial of service.");

  private static final List<String> COMPONENTS = List.of(
      "the HTTP/2 module", "mod_proxy", "the TLS handshake implementation", "the X.509 certificate verification"
          + " routine", "the Windows Kernel", "the Print Spooler service", "Win32k", "the DNS resolver",
      "the JPEG decoder", "the SMB server", "the scripting engine", "the LDAP client", "the XML parser",
      "the SSH transport layer", "the authentication module", "libxml2", "the session handler",
      "the file upload handler", "the regular expression engine", "the zlib inflate routine", "the RPC runtime",
      "the Remote Desktop Client", "the Hyper-V virtual switch", "the font parser", "the netfilter subsystem",
      "the ext4 filesystem driver", "the OLE automation layer", "the management console", "the REST API",
      "the admin interface");

  static final String SELF_REPORTED = "Note that Nessus has not tested for these issues but has instead relied"
      + " only on the application's self-reported version number.";

  private Prose() {}

  static String version(SplittableRandom r) {
    return (1 + r.nextInt(12)) + "." + r.nextInt(20) + "." + r.nextInt(60);
  }

  /** A later version than {@code v} in its last component. */
  static String later(String v, SplittableRandom r) {
    int dot = v.lastIndexOf('.');
    return v.substring(0, dot + 1) + (Integer.parseInt(v.substring(dot + 1)) + 1 + r.nextInt(9));
  }

  /** A version before {@code fixed}: one of its components lowered. */
  static String earlier(String fixed, SplittableRandom r) {
    String[] parts = fixed.split("\\.");
    for (int i = parts.length - 1; i >= 0; i--) {
      int n = Integer.parseInt(parts[i]);
      if (n > 0) {
        parts[i] = String.valueOf(r.nextInt(n));
        return String.join(".", parts);
      }
    }
    return "0.9";
  }

  /** "2021/09/14", the way Nessus writes plugin dates. */
  static String date(SplittableRandom r, int fromYear, int toYear) {
    return String.format("%d/%02d/%02d", fromYear + r.nextInt(toYear - fromYear + 1), 1 + r.nextInt(12),
        1 + r.nextInt(28));
  }

  static String cve(SplittableRandom r) {
    int year = 2010 + r.nextInt(15);
    return "CVE-" + year + "-" + (year >= 2015 && r.nextBoolean() ? 10000 + r.nextInt(40000) : 1000 + r.nextInt(9000));
  }

  static String hex(SplittableRandom r, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(r.nextInt(16), 16));
    }
    return sb.toString();
  }

  /** {@code count} flaw paragraphs about {@code product}, separated as Nessus separates them. */
  static String flaws(SplittableRandom r, String product, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append("\n\n");
      }
      if (count > 1) {
        sb.append("  - ");
      }
      String component = r.nextInt(3) == 0 ? product : Draw.pick(r, COMPONENTS) + " of " + product;
      sb.append(String.format(Draw.pick(r, FLAWS), component));
      if (r.nextInt(4) == 0) {
        sb.append(" (").append(cve(r)).append(')');
      }
    }
    return sb.toString();
  }
}
