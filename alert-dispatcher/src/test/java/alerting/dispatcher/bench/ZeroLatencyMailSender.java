package alerting.dispatcher.bench;

import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** An SMTP "provider" that accepts every message at once: the sender's own cost, nothing else. */
final class ZeroLatencyMailSender extends JavaMailSenderImpl {
  final AtomicLong accepted = new AtomicLong();
  volatile long lastAcceptedNanos;

  @Override
  protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) {
    accepted.addAndGet(mimeMessages.length);
    lastAcceptedNanos = System.nanoTime();
  }
}
