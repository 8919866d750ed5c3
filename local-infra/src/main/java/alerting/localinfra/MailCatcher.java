package alerting.localinfra;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * An in-process SMTP server (GreenMail) that keeps every mail, with an optional HTML inbox page.
 * GreenMail serves each connection on its own thread, so mails sent over several connections are
 * received at once.
 */
public final class MailCatcher implements AutoCloseable {
  /**
   * Every address at this domain bounces, so a person trying the local stack can see a bounced
   * contact method without configuring anything.
   */
  public static final String NOWHERE = "left-the-company.example";

  private static final String LOOPBACK = "127.0.0.1";
  private final CapacityGate gate = new CapacityGate();
  private final AtomicLong connectionsOpened = new AtomicLong();
  private final Set<String> unknownUsers = ConcurrentHashMap.newKeySet();
  private final SmtpGreenMail greenMail;
  private HttpServer inboxPage;

  private MailCatcher(int smtpPort) {
    greenMail =
        new SmtpGreenMail(
            new ServerSetup(smtpPort, LOOPBACK, ServerSetup.PROTOCOL_SMTP),
            gate,
            connectionsOpened,
            this::isUnknown);
    greenMail.start();
  }

  /**
   * GreenMail whose SMTP service is the gated one, and can be taken down and brought back on the
   * same port while the mails it stored stay.
   */
  private static final class SmtpGreenMail extends GreenMail {
    private final CapacityGate gate;
    private final AtomicLong connectionsOpened;
    private final Predicate<String> unknownUsers;

    SmtpGreenMail(
        ServerSetup setup,
        CapacityGate gate,
        AtomicLong connectionsOpened,
        Predicate<String> unknownUsers) {
      super(setup);
      this.gate = gate;
      this.connectionsOpened = connectionsOpened;
      this.unknownUsers = unknownUsers;
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
      return Map.of(ServerSetup.PROTOCOL_SMTP, smtpServer(config[0], managers));
    }

    private AbstractServer smtpServer(ServerSetup setup, Managers managers) {
      return new GatedSmtpServer(setup, managers, gate, connectionsOpened, unknownUsers);
    }

    synchronized void stopSmtp() {
      AbstractServer smtp = services.get(ServerSetup.PROTOCOL_SMTP);
      if (smtp.isRunning()) {
        smtp.stopService();
      }
    }

    synchronized void startSmtp() {
      AbstractServer stopped = services.get(ServerSetup.PROTOCOL_SMTP);
      if (stopped.isRunning()) {
        return;
      }
      // a stopped GreenMail server is a finished thread: a new one takes the same port
      AbstractServer smtp = smtpServer(stopped.getServerSetup(), managers);
      services.put(ServerSetup.PROTOCOL_SMTP, smtp);
      smtp.startService();
      try {
        if (!smtp.waitTillRunning(stopped.getServerSetup().getServerStartupTimeout())) {
          throw new IllegalStateException("SMTP did not start again on " + smtp.getPort());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while starting SMTP again", e);
      }
    }
  }

  /** Starts SMTP on {@code smtpPort}; 0 picks a free port, see {@link #smtpPort()}. */
  public static MailCatcher start(int smtpPort) {
    return new MailCatcher(smtpPort);
  }

  public String smtpHost() {
    return LOOPBACK;
  }

  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  /**
   * From now on each mail takes {@code capacity.latency()} between the end of its DATA and the
   * server's 250, and past {@code capacity.perSecond()} mails it is refused with the temporary
   * failure {@code 451 4.7.1} as relays refuse senders over their rate, so a benchmark meets a real
   * provider's limits.
   */
  public void capacity(ProviderCapacity capacity) {
    gate.capacity(capacity);
  }

  /**
   * From now on a mail to {@code address} bounces: the relay answers its RCPT TO with {@code 550
   * 5.1.1 User unknown}, as a company's relay does for someone who has left, and stores nothing.
   */
  public void refuseRecipient(String address) {
    unknownUsers.add(address.toLowerCase(Locale.ROOT));
  }

  private boolean isUnknown(String address) {
    var lower = address.toLowerCase(Locale.ROOT);
    return unknownUsers.contains(lower) || lower.endsWith("@" + NOWHERE);
  }

  /**
   * The mail relay goes down: its port refuses connections and the connections clients hold open
   * are closed, until {@link #resumeAccepting()}. The mails received so far stay.
   */
  public void refuseConnections() {
    greenMail.stopSmtp();
  }

  /** The relay is back on the same port after {@link #refuseConnections()}. */
  public void resumeAccepting() {
    greenMail.startSmtp();
  }

  /**
   * Mails accepted and refused for the rate so far; {@link CaughtMail#receivedAt()} says when each
   * was.
   */
  public ProviderCounts counts() {
    return gate.counts();
  }

  /** SMTP connections opened so far: fewer than mails shows a sender reusing its connections. */
  public long connectionsOpened() {
    return connectionsOpened.get();
  }

  /**
   * Mails received so far, oldest first. GreenMail stores one copy per recipient mailbox; a mail
   * sent to several recipients is listed once, while the same Message-ID sent twice to one mailbox
   * is listed twice.
   */
  public List<CaughtMail> messages() {
    Map<String, StoredMessage> sent = new LinkedHashMap<>();
    for (MailFolder inbox : inboxes()) {
      Map<String, Integer> copiesInThisInbox = new HashMap<>();
      for (StoredMessage message : inbox.getMessages()) {
        String id = messageId(message);
        sent.putIfAbsent(id + "#" + copiesInThisInbox.merge(id, 1, Integer::sum), message);
      }
    }
    return sent.values().stream()
        .sorted(Comparator.comparing(StoredMessage::getReceivedDate))
        .map(MailCatcher::toCaughtMail)
        .toList();
  }

  private List<MailFolder> inboxes() {
    ImapHostManager mailboxes = greenMail.getManagers().getImapHostManager();
    List<MailFolder> inboxes = new ArrayList<>();
    for (GreenMailUser user : greenMail.getUserManager().listUser()) {
      try {
        inboxes.add(mailboxes.getInbox(user));
      } catch (FolderException e) {
        throw new IllegalStateException("GreenMail lost the inbox of " + user.getEmail(), e);
      }
    }
    return inboxes;
  }

  /**
   * Waits until at least {@code count} mails are there and returns them all, or fails after {@code
   * timeout}.
   */
  public List<CaughtMail> awaitMessages(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CaughtMail> mails = messages();
    while (mails.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Expected " + count + " mails within " + timeout + " but got " + mails.size());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      mails = messages();
    }
    return mails;
  }

  /** Serves the inbox as HTML on {@code port} (0 = free port) and returns its base URL. */
  public synchronized String startInboxPage(int port) {
    if (inboxPage == null) {
      try {
        inboxPage =
            HttpPages.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not open the inbox page on port " + port, e);
      }
      inboxPage.createContext("/", new MailInboxPage(this::messages));
      inboxPage.start();
    }
    return "http://localhost:" + inboxPage.getAddress().getPort();
  }

  @Override
  public synchronized void close() {
    if (inboxPage != null) {
      inboxPage.stop(0);
    }
    greenMail.stop();
  }

  private static String messageId(StoredMessage message) {
    try {
      String id = message.getMimeMessage().getMessageID();
      return id != null ? id : "no-id-" + System.identityHashCode(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("Unreadable stored mail", e);
    }
  }

  private static CaughtMail toCaughtMail(StoredMessage stored) {
    MimeMessage mime = stored.getMimeMessage();
    try {
      MailParts parts = new MailParts();
      parts.collect(mime);
      return new CaughtMail(
          addresses(mime.getFrom()).stream().findFirst().orElse(null),
          addresses(mime.getAllRecipients()),
          mime.getSubject(),
          parts.text,
          parts.html,
          stored.getReceivedDate().toInstant());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Unreadable stored mail", e);
    }
  }

  private static List<String> addresses(Address[] addresses) {
    return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
  }

  /** The first text/plain and first text/html part, found depth-first through multiparts. */
  private static final class MailParts {
    private String text;
    private String html;

    void collect(Part part) throws MessagingException, IOException {
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        return;
      }
      if (part.isMimeType("text/plain") && text == null) {
        text = (String) part.getContent();
      } else if (part.isMimeType("text/html") && html == null) {
        html = (String) part.getContent();
      } else if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          collect(child);
        }
      }
    }
  }
}
