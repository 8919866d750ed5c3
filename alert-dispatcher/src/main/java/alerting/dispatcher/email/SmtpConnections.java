package alerting.dispatcher.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Open, connected SMTP connections, reused from one email to the next: opening one (TCP, TLS, EHLO,
 * AUTH) costs several round trips, more than sending an email over it. Commons Pool 2 keeps them,
 * up to {@code size}, most recently used first; a background run every few seconds checks idle ones
 * with a NOOP and closes those idle longer than {@code idleTimeout}, before the server drops them
 * itself.
 *
 * <p>A connection that failed is never handed out again. When a send fails because its connection
 * broke (the server dropped it, or restarted), the idle connections from the same time are closed
 * too and the email is sent once more on a fresh connection.
 */
final class SmtpConnections implements AutoCloseable {
  private final JavaMailSenderImpl mail;
  private final GenericObjectPool<Transport> pool;

  /**
   * {@code maxWait}: how long a send waits for a connection when all {@code size} are in use. It is
   * spent inside a sender poll's Kafka transaction, so it is kept short; a send that gets none
   * fails as transient and is retried later.
   */
  SmtpConnections(JavaMailSenderImpl mail, int size, Duration idleTimeout, Duration maxWait) {
    this.mail = mail;
    var config = new GenericObjectPoolConfig<Transport>();
    config.setMaxTotal(size);
    config.setMaxIdle(size);
    config.setMaxWait(maxWait);
    config.setTestWhileIdle(true);
    config.setNumTestsPerEvictionRun(-1); // all idle connections each run
    config.setMinEvictableIdleDuration(idleTimeout);
    config.setTimeBetweenEvictionRuns(idleTimeout.dividedBy(3));
    config.setJmxEnabled(false);
    this.pool = new GenericObjectPool<>(new Connector(), config);
  }

  /** Sends {@code message}; failures are Spring's MailExceptions, as JavaMailSender throws them. */
  void send(MimeMessage message) {
    prepare(message);
    var addresses = recipients(message);
    var transport = borrow();
    try {
      transport.sendMessage(message, addresses);
      pool.returnObject(transport);
    } catch (MessagingException failed) {
      var broken = !transport.isConnected();
      if (broken) {
        pool.clear(); // first: discarding may open a replacement, which must not be cleared
      }
      discard(transport);
      if (!broken) {
        throw new MailSendException("SMTP refused the message", failed);
      }
      sendOnFreshConnection(message, addresses, failed);
    }
  }

  private void sendOnFreshConnection(
      MimeMessage message, Address[] addresses, MessagingException first) {
    var transport = borrow();
    try {
      transport.sendMessage(message, addresses);
      pool.returnObject(transport);
    } catch (MessagingException failed) {
      failed.addSuppressed(first);
      discard(transport);
      throw new MailSendException("SMTP refused the message on a fresh connection too", failed);
    }
  }

  /** What JavaMailSenderImpl does before sending: a date, headers, and the Message-ID kept. */
  private static void prepare(MimeMessage message) {
    try {
      if (message.getSentDate() == null) {
        message.setSentDate(new Date());
      }
      var messageId = message.getMessageID();
      message.saveChanges();
      if (messageId != null) {
        message.setHeader("Message-ID", messageId);
      }
    } catch (MessagingException e) {
      throw new MailSendException("could not prepare the message", e);
    }
  }

  private static Address[] recipients(MimeMessage message) {
    try {
      var addresses = message.getAllRecipients();
      return addresses != null ? addresses : new Address[0];
    } catch (MessagingException e) {
      throw new MailSendException("unreadable recipients", e);
    }
  }

  /** Every pooled connection stayed busy for the whole pool wait: nothing reached the server. */
  static final class AllBusy extends MailSendException {
    AllBusy(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Transport borrow() {
    try {
      return pool.borrowObject();
    } catch (java.util.NoSuchElementException busy) {
      throw new AllBusy(
          "all " + pool.getMaxTotal() + " SMTP connections busy: " + busy.getMessage(), busy);
    } catch (jakarta.mail.AuthenticationFailedException e) {
      throw new MailAuthenticationException(e);
    } catch (Exception e) {
      throw new MailSendException("no SMTP connection: " + e.getMessage(), e);
    }
  }

  private void discard(Transport transport) {
    try {
      pool.invalidateObject(transport);
    } catch (Exception e) {
      // closing a connection that already failed may fail too: it is gone either way
    }
  }

  /** Connections open now, in use or idle. */
  int open() {
    return pool.getNumActive() + pool.getNumIdle();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** Opens and closes connections with the host, port and credentials of {@code spring.mail.*}. */
  private final class Connector extends BasePooledObjectFactory<Transport> {
    @Override
    public Transport create() throws MessagingException {
      var transport =
          mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
      transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
      return transport;
    }

    @Override
    public PooledObject<Transport> wrap(Transport transport) {
      return new DefaultPooledObject<>(transport);
    }

    /** For SMTP, isConnected() sends a NOOP: a connection the server dropped fails it. */
    @Override
    public boolean validateObject(PooledObject<Transport> connection) {
      return connection.getObject().isConnected();
    }

    @Override
    public void destroyObject(PooledObject<Transport> connection) throws MessagingException {
      connection.getObject().close();
    }
  }
}
