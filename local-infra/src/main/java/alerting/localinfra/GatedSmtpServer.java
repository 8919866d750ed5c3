package alerting.localinfra;

import com.icegreen.greenmail.Managers;
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

/**
 * GreenMail's SMTP server with the catcher's capacity applied to each mail and its connections
 * counted.
 */
final class GatedSmtpServer extends SmtpServer {
  static final String RATE_LIMITED = "451 4.7.1 Rate limit exceeded, try again later";

  private final SmtpManager manager;
  private final AtomicLong connectionsOpened;

  GatedSmtpServer(
      ServerSetup setup, Managers managers, CapacityGate gate, AtomicLong connectionsOpened) {
    super(setup, managers);
    this.manager = new GatedSmtpManager(managers, gate);
    this.connectionsOpened = connectionsOpened;
  }

  @Override
  protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
    connectionsOpened.incrementAndGet();
    return new SmtpHandler(new SmtpCommandRegistry(), manager, clientSocket);
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

    GatedSmtpManager(Managers managers, CapacityGate gate) {
      super(managers.getImapHostManager(), managers.getUserManager());
      this.delivery = managers.getSmtpManager();
      this.gate = gate;
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
