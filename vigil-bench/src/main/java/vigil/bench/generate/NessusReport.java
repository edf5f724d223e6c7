package vigil.bench.generate;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import vigil.bench.generate.NessusPlugin.Tag;
import vigil.bench.generate.PluginCatalogue.Finding;

/**
 * Writes a Nessus v2 ({@code .nessus}) report host by host through a StAX writer, so memory stays
 * flat whatever the file size: only the plugin catalogue and one host's findings are held.
 */
public final class NessusReport {
  private static final long HOST_SALT = 0x4057_0002L;
  private static final DateTimeFormatter HOST_TIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final NessusSpec spec;
  private final PluginCatalogue catalogue;

  public NessusReport(NessusSpec spec) {
    this.spec = spec;
    this.catalogue = PluginCatalogue.build(spec.seed(), spec.plugins());
  }

  public Written write(Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream os = Files.newOutputStream(out)) {
      return write(os);
    }
  }

  /** Writes the report to {@code out}, which the caller closes. */
  public Written write(OutputStream out) throws IOException {
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    CountingStream counted = new CountingStream(buffered);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(counted, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("NessusClientData_v2");
      policy(x);
      indent(x, 1);
      x.writeStartElement("Report");
      x.writeAttribute("name", "Weekly infrastructure scan");
      x.writeNamespace("cm", "http://www.nessus.org/cm");
      long findings = 0;
      int hosts = 0;
      for (int i = spec.firstHost(); hosts < spec.hosts(); i++) {
        SplittableRandom r = Seeds.stream(spec.seed(), HOST_SALT, i);
        ScannedHost host = ScannedHost.draw(i, r, spec.scanStart());
        List<Finding> found = catalogue.forHost(host.os(), spec.findingsPerHost(), r);
        host(x, host, found, r);
        findings += found.size();
        hosts++;
        if (spec.targetBytes() > 0) {
          x.flush();
          if (counted.count >= spec.targetBytes()) {
            break;
          }
        }
      }
      indent(x, 1);
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
      buffered.flush();
      return new Written(hosts, findings, counted.count);
    } catch (XMLStreamException e) {
      throw new IOException("writing the report failed: " + e.getMessage(), e);
    }
  }

  private void policy(XMLStreamWriter x) throws XMLStreamException {
    indent(x, 1);
    x.writeStartElement("Policy");
    indent(x, 2);
    element(x, "policyName", "Advanced Network Scan");
    indent(x, 2);
    x.writeStartElement("Preferences");
    indent(x, 3);
    x.writeStartElement("ServerPreferences");
    String pluginSet = catalogue.plugins().stream().map(p -> String.valueOf(p.id())).collect(Collectors.joining(";"));
    preference(x, "plugin_set", pluginSet);
    preference(x, "TARGET", "10.0.0.0/8");
    preference(x, "port_range", "default");
    preference(x, "safe_checks", "yes");
    indent(x, 3);
    x.writeEndElement();
    indent(x, 2);
    x.writeEndElement();
    indent(x, 1);
    x.writeEndElement();
  }

  private static void preference(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    indent(x, 4);
    x.writeStartElement("preference");
    indent(x, 5);
    element(x, "name", name);
    indent(x, 5);
    element(x, "value", value);
    indent(x, 4);
    x.writeEndElement();
  }

  private static void host(XMLStreamWriter x, ScannedHost h, List<Finding> found, SplittableRandom r)
      throws XMLStreamException {
    indent(x, 2);
    x.writeStartElement("ReportHost");
    x.writeAttribute("name", h.ip());
    indent(x, 3);
    x.writeStartElement("HostProperties");
    tag(x, "HOST_END_TIMESTAMP", String.valueOf(h.end().getEpochSecond()));
    tag(x, "HOST_END", HOST_TIME.format(h.end()));
    tag(x, "LastAuthenticatedResults", String.valueOf(h.end().getEpochSecond()));
    tag(x, "Credentialed_Scan", "true");
    tag(x, "policy-used", "Advanced Network Scan");
    tag(x, "patch-summary-total-cves", String.valueOf(found.stream().mapToLong(f -> f.plugin().tags().stream()
        .filter(t -> t.element().equals("cve")).count()).sum()));
    tag(x, "os", h.os().isWindows() ? "windows" : "linux");
    tag(x, "operating-system", h.os().label);
    tag(x, "operating-system-method", h.os().isWindows() ? "SMB" : "LinuxDistribution");
    tag(x, "operating-system-conf", "100");
    tag(x, "system-type", "general-purpose");
    tag(x, "mac-address", String.join("\n", h.macs()));
    tag(x, "traceroute-hop-0", "10.255.0.1");
    tag(x, "traceroute-hop-1", h.ip());
    if (h.netbios() != null) {
      tag(x, "netbios-name", h.netbios());
    }
    tag(x, "host-fqdn", h.fqdn());
    tag(x, "host-rdns", h.fqdn());
    tag(x, "host-ip", h.ip());
    tag(x, "HOST_START_TIMESTAMP", String.valueOf(h.start().getEpochSecond()));
    tag(x, "HOST_START", HOST_TIME.format(h.start()));
    indent(x, 3);
    x.writeEndElement();
    for (Finding f : found) {
      item(x, f, PluginOutput.render(f, h, r));
    }
    indent(x, 2);
    x.writeEndElement();
  }

  private static void tag(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    indent(x, 4);
    x.writeStartElement("tag");
    x.writeAttribute("name", name);
    x.writeCharacters(value);
    x.writeEndElement();
  }

  private static void item(XMLStreamWriter x, Finding f, String output) throws XMLStreamException {
    NessusPlugin p = f.plugin();
    indent(x, 3);
    x.writeStartElement("ReportItem");
    x.writeAttribute("port", String.valueOf(f.port().number()));
    x.writeAttribute("svc_name", f.port().service());
    x.writeAttribute("protocol", f.port().protocol());
    x.writeAttribute("severity", String.valueOf(p.severity()));
    x.writeAttribute("pluginID", String.valueOf(p.id()));
    x.writeAttribute("pluginName", p.name());
    x.writeAttribute("pluginFamily", p.family());
    boolean outputWritten = output == null;
    for (Tag t : p.tags()) {
      if (!outputWritten && t.element().compareTo("plugin_output") > 0) {
        indent(x, 4);
        element(x, "plugin_output", output);
        outputWritten = true;
      }
      indent(x, 4);
      element(x, t.element(), t.text());
    }
    if (!outputWritten) {
      indent(x, 4);
      element(x, "plugin_output", output);
    }
    indent(x, 3);
    x.writeEndElement();
  }

  private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
    x.writeStartElement(name);
    x.writeCharacters(text);
    x.writeEndElement();
  }

  private static final String[] INDENTS = {"\n", "\n  ", "\n    ", "\n      ", "\n        ", "\n          "};

  private static void indent(XMLStreamWriter x, int level) throws XMLStreamException {
    x.writeCharacters(INDENTS[level]);
  }

  /** Counts bytes on their way to the file, for the target-size mode. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() {
      // The caller owns the underlying stream.
    }
  }
}
