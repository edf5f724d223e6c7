package vigil.integrations.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import vigil.integrations.IntegrationException;
import vigil.integrations.IntegrationException.Kind;
import vigil.integrations.Redaction;
import vigil.integrations.Secret;

/**
 * Sends a notification as a plain-text e-mail through an SMTP relay (Jakarta Mail, Eclipse Angus
 * implementation): the template's first line is the subject. SMTP replies keep their code, so 4xx
 * (try later) and 5xx (refused) are told apart by the dispatcher.
 */
public final class EmailNotifier implements Notifier {
  private final SmtpConfig config;
  private final Templates templates;
  private final Clock clock;
  private final Session session;
  private final InternetAddress from;
  private final InternetAddress[] to;
  private final List<Secret> secrets;

  public EmailNotifier(SmtpConfig config, Templates templates, Clock clock) {
    this.config = config;
    this.templates = templates;
    this.clock = clock;
    this.session = Session.getInstance(properties(config));
    // Never on: Jakarta Mail's debug output includes the AUTH exchange, i.e. the credentials.
    this.session.setDebug(false);
    try {
      this.from = new InternetAddress(config.from(), true);
      List<InternetAddress> recipients = new ArrayList<>();
      for (String address : config.to()) {
        recipients.add(new InternetAddress(address, true));
      }
      this.to = recipients.toArray(InternetAddress[]::new);
    } catch (AddressException e) {
      throw new IllegalArgumentException("not an e-mail address: '" + e.getRef() + "'", e);
    }
    this.secrets = config.password().map(List::of).orElse(List.of());
  }

  @Override
  public void send(Notification notification, String deliveryId) {
    String op = "email: send " + notification.event().key() + " " + deliveryId;
    Templates.Rendered r = templates.render(Templates.EMAIL, notification);
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(r.title(), StandardCharsets.UTF_8.name());
      message.setText(r.body() + "\n", StandardCharsets.UTF_8.name());
      message.setSentDate(Date.from(clock.instant()));
      // RFC 3834: an automatic message; auto-responders should not answer it.
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Vigil-Event", notification.event().key());
      message.setHeader("X-Vigil-Delivery", deliveryId);
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect(config.host(), config.port(), config.user().orElse(null),
            config.password().map(Secret::reveal).orElse(null));
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw failure(op, e);
    }
  }

  private IntegrationException failure(String op, MessagingException e) {
    String where = "smtp://" + config.host() + ":" + config.port();
    String problem = Redaction.text(String.valueOf(e.getMessage()), secrets);
    if (e instanceof MailConnectException) {
      return IntegrationException.of(Kind.UNREACHABLE, op, where).problem("cannot connect").cause(e).build();
    }
    if (e instanceof AuthenticationFailedException) {
      return IntegrationException.of(Kind.SMTP_REPLY, op, where).status(535)
          .problem("login refused: " + problem).build();
    }
    int code = replyCode(e);
    if (code > 0) {
      return IntegrationException.of(Kind.SMTP_REPLY, op, where).status(code)
          .problem("SMTP " + code + ": " + problem).build();
    }
    Kind kind = causedByTimeout(e) ? Kind.TIMEOUT : Kind.UNREACHABLE;
    return IntegrationException.of(kind, op, where).problem(problem).cause(e).build();
  }

  /** The first SMTP reply code in the exception chain (send failures nest per-address ones). */
  private static int replyCode(Exception e) {
    Exception next = e;
    while (next != null) {
      if (next instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      if (next instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (next instanceof SMTPSenderFailedException f) {
        return f.getReturnCode();
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    return 0;
  }

  private static boolean causedByTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Properties properties(SmtpConfig c) {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", c.host());
    p.put("mail.smtp.port", Integer.toString(c.port()));
    p.put("mail.smtp.connectiontimeout", Long.toString(c.connectTimeout().toMillis()));
    p.put("mail.smtp.timeout", Long.toString(c.timeout().toMillis()));
    p.put("mail.smtp.writetimeout", Long.toString(c.timeout().toMillis()));
    p.put("mail.smtp.auth", Boolean.toString(c.user().isPresent()));
    // Keep the AUTH exchange out of Jakarta Mail's own (java.util.logging) protocol trace.
    p.put("mail.debug.auth", "false");
    switch (c.security()) {
      case STARTTLS -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case TLS -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case NONE -> { }
    }
    return p;
  }
}
