package alerting.dispatcher.email;

import alerting.dispatcher.sending.ProviderResult;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Reads an SMTP failure: a 4xx reply (mailbox busy, greylisting, throttling; it slows the email
 * channel down), a server out of reach or timing out is transient; a 5xx reply (no such user,
 * rejected) or an unusable address is permanent.
 */
final class SmtpFailures {
  private SmtpFailures() {}

  static ProviderResult classify(MailException e) {
    if (e instanceof SmtpConnections.AllBusy busy) {
      return ProviderResult.Transient.noCapacityHere(busy.getMessage());
    }
    if (e instanceof MailParseException || e instanceof MailPreparationException) {
      return new ProviderResult.Permanent("unusable email: " + e.getMessage());
    }
    if (e instanceof MailAuthenticationException) {
      return new ProviderResult.Transient("SMTP login refused: " + e.getMessage());
    }
    for (var cause : causes(e)) {
      var code = replyCode(cause);
      if (code >= 500 && cause instanceof SMTPAddressFailedException) {
        // the relay refused the recipient at RCPT TO: no such mailbox, the address bounced
        var reply = cause.getMessage().strip(); // the server's own line, "550 5.1.1 <…>: …"
        return new ProviderResult.Permanent(
            "bounced: SMTP " + (reply.startsWith(code + " ") ? reply : code + ": " + reply));
      }
      if (code >= 500) {
        return new ProviderResult.Permanent("SMTP " + code + ": " + cause.getMessage());
      }
      if (code >= 400) {
        // a 4xx the server replied (busy, throttling, greylisting) asks the channel to slow down
        return new ProviderResult.Transient("SMTP " + code + ": " + cause.getMessage(), true);
      }
      if (cause instanceof IOException) {
        return new ProviderResult.Transient("SMTP 421: " + cause.getMessage());
      }
    }
    return new ProviderResult.Transient("SMTP: " + e.getMessage());
  }

  /**
   * The recipients that did not get a mail which still reached the others: with {@code
   * mail.smtp.sendpartial} the relay's refusal of one address (someone who left) does not keep a
   * notification from the rest. Empty when the mail reached nobody.
   */
  static Optional<String> missedWhileOthersGotIt(MailException e) {
    for (var cause : causes(e)) {
      if (cause instanceof SendFailedException f
          && f.getValidSentAddresses() != null
          && f.getValidSentAddresses().length > 0) {
        var missed = new ArrayList<String>();
        for (var addresses :
            List.of(orNone(f.getInvalidAddresses()), orNone(f.getValidUnsentAddresses()))) {
          Arrays.stream(addresses).map(Address::toString).forEach(missed::add);
        }
        return Optional.of(String.join(", ", missed));
      }
    }
    return Optional.empty();
  }

  private static Address[] orNone(Address[] addresses) {
    return addresses == null ? new Address[0] : addresses;
  }

  /** The reply code of an SMTP exception, -1 when the server did not reply. */
  private static int replyCode(Throwable cause) {
    if (cause instanceof SMTPSendFailedException f) {
      return f.getReturnCode();
    }
    if (cause instanceof SMTPAddressFailedException f) {
      return f.getReturnCode();
    }
    if (cause instanceof SMTPSenderFailedException f) {
      return f.getReturnCode();
    }
    return -1;
  }

  /** Everything that went wrong: causes, per-message failures and chained MessagingExceptions. */
  private static Set<Throwable> causes(MailException e) {
    var seen = new HashSet<Throwable>();
    var queue = new ArrayDeque<Throwable>();
    queue.add(e);
    if (e instanceof MailSendException send) {
      queue.addAll(send.getFailedMessages().values());
    }
    var ordered = new java.util.LinkedHashSet<Throwable>();
    while (!queue.isEmpty()) {
      var t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      ordered.add(t);
      // ArrayDeque refuses nulls: an exception without a cause used to end the walk in an NPE
      if (t.getCause() != null) {
        queue.add(t.getCause());
      }
      if (t instanceof MessagingException m && m.getNextException() != null) {
        queue.add(m.getNextException());
      }
    }
    return ordered;
  }
}
