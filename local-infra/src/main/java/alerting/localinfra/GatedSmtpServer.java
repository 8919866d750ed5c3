package alerting.localinfra;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * GreenMail's SMTP server with the catcher's capacity applied to each mail, its connections
 * counted, and the recipients the catcher was told do not exist refused at RCPT TO.
 */
final class GatedSmtpServer extends SmtpServer {
  static final String RATE_LIMITED = "451 4.7.1 Rate limit exceeded, try again later";

  /** What a relay answers RCPT TO with for a mailbox that does not exist: the mail bounces. */
  static String userUnknown(String address) {
    return "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown";
  }

  private final SmtpManager manager;
  private final AtomicLong connectionsOpened;

  GatedSmtpServer(
      ServerSetup setup,
      Managers managers,
      CapacityGate gate,
      AtomicLong connectionsOpened,
      Predicate<String> unknownUsers) {
    super(setup, managers);
    this.manager = new GatedSmtpManager(managers, gate, unknownUsers);
    this.connectionsOpened = connectionsOpened;
  }

  @Override
  protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
    connectionsOpened.incrementAndGet();
    return new SmtpHandler(new SmtpCommandRegistry(), manager, clientSocket) {
      /**
       * GreenMail throws from the connection's thread when a client resets it mid-session, as a
       * sender killed with {@code kill -9} does. A relay carries on; and an exception uncaught on a
       * thread of the test's JVM fails whatever Awaitility {@code await()} runs at that moment.
       */
      @Override
      public void run() {
        try {
          super.run();
        } catch (IllegalStateException clientWentAway) {
          // the connection is closed and its half-received mail discarded: nothing to keep
        }
      }
    };
  }

  /**
   * GreenMail asks {@code checkData} after a mail's DATA and before storing it, and answers the
   * client with what it returns: the one hook that can hold or refuse a single mail. Storing is
   * left to GreenMail's own manager, whose {@code send} is synchronized, so the latency must not be
   * spent there.
   */
  private static final class GatedSmtpManager extends SmtpManager {
    private final SmtpManager delivery;
    private final CapacityGate gate;
    private final Predicate<String> unknownUsers;

    GatedSmtpManager(Managers managers, CapacityGate gate, Predicate<String> unknownUsers) {
      super(managers.getImapHostManager(), managers.getUserManager());
      this.delivery = managers.getSmtpManager();
      this.gate = gate;
      this.unknownUsers = unknownUsers;
    }

    @Override
    public String checkRecipient(SmtpState state, MailAddress recipient) {
      var address = recipient.getEmail();
      return unknownUsers.test(address)
          ? userUnknown(address)
          : delivery.checkRecipient(state, recipient);
    }

    @Override
    public String checkData(SmtpState state) {
      return gate.enter().isPresent() ? RATE_LIMITED : delivery.checkData(state);
    }

    @Override
    public void send(SmtpState state) {
      delivery.send(state);
      gate.accepted();
    }

    @Override
    public CountDownLatch createAndAddNewWaitObject(int emailCount) {
      return delivery.createAndAddNewWaitObject(emailCount);
    }
  }
}
