package alerting.systemtests.faults;

import alerting.localinfra.CaughtMail;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.PlacedCall;
import alerting.localinfra.SentSms;
import alerting.localinfra.TwilioStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The people at the other end, acknowledging throughout the run, faults included: each contact
 * behaves the same way in every scenario (by a hash of its email address) — 35% acknowledge the
 * first email by its link (GET, then the confirming POST), 35% reply to the first text (or, for
 * those reached by phone call instead of text, answer the first call and press 1), 15% the second
 * email, 15% never, so their alerts run through every attempt to EXHAUSTED. Each answers 0.5 to 3 s
 * after the message reached the provider.
 *
 * <p>Link acks go to the two ack-receiver instances in turn; one that does not answer (killed) is
 * tried on the other after a second, as a load balancer would. SMS replies are posted by the Twilio
 * stand-in to the one webhook URL, the {@link WebhookBalancer}'s, which hands them to either
 * instance; one that fails is sent again 10 s later, as a person would when no confirmation comes
 * back.
 */
final class RespondingContacts implements AutoCloseable {
  private static final Pattern LINK = Pattern.compile("(http://localhost:\\d+/ack/\\S+)");
  private static final Pattern REPLY_CODE = Pattern.compile("Reply ([A-Z0-9]{4})");
  private static final Duration GIVE_UP = Duration.ofMinutes(3);

  /** What one contact does; stable per contact. */
  enum Habit {
    FIRST_EMAIL,
    FIRST_SMS,
    SECOND_EMAIL,
    NEVER;

    static Habit of(String email) {
      var bucket = Math.floorMod(email.hashCode() * 31 + 7, 100);
      return bucket < 35
          ? FIRST_EMAIL
          : bucket < 70 ? FIRST_SMS : bucket < 85 ? SECOND_EMAIL : NEVER;
    }
  }

  /**
   * An ack that reached an ack-receiver instance (1 or 2; 0 for SMS replies and keypresses, which
   * the balancer hands to either) and was answered; {@code byPhone}: a text or a call, not a link.
   */
  record Ack(String destination, Instant at, int instance, boolean byPhone) {}

  private final MailCatcher mail;
  private final TwilioStandIn twilio;
  private final List<Integer> ackPorts;
  private final WebhookBalancer balancer;
  private final Map<String, String> emailOfPhone;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService people = Executors.newScheduledThreadPool(4);
  private final Map<String, Integer> seen = new HashMap<>();
  private final AtomicInteger turn = new AtomicInteger();
  final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong gaveUp = new AtomicLong();
  private volatile boolean running = true;

  /**
   * Looks at what the providers were handed, five times a second, and acts as each person would.
   */
  private final ScheduledExecutorService reader =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            var thread = new Thread(task, "responding-contacts");
            thread.setDaemon(true);
            return thread;
          });

  RespondingContacts(
      MailCatcher mail,
      TwilioStandIn twilio,
      List<Integer> ackPorts,
      WebhookBalancer balancer,
      Map<String, String> emailOfPhone) {
    this.mail = mail;
    this.twilio = twilio;
    this.ackPorts = ackPorts;
    this.balancer = balancer;
    this.emailOfPhone = emailOfPhone;
    reader.scheduleWithFixedDelay(this::read, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void read() {
    try {
      for (var m : mail.messages()) {
        var to = m.to().get(0);
        if (isNew("mail " + to + " " + m.receivedAt().toEpochMilli() + " " + m.subject())) {
          var nth = seen.merge("email-count " + to, 1, Integer::sum);
          var habit = Habit.of(to);
          if ((habit == Habit.FIRST_EMAIL && nth == 1)
              || (habit == Habit.SECOND_EMAIL && nth == 2)) {
            later(() -> clickLink(m, to, Instant.now()));
          }
        }
      }
      var texts = twilio.messages();
      var done = seen.getOrDefault("sms-index", 0);
      for (var i = done; i < texts.size(); i++) {
        var sms = texts.get(i);
        var nth = seen.merge("sms-count " + sms.to(), 1, Integer::sum);
        var email = emailOfPhone.get(sms.to());
        if (email != null && Habit.of(email) == Habit.FIRST_SMS && nth == 1) {
          later(() -> reply(sms, Instant.now()));
        }
      }
      seen.put("sms-index", texts.size());
      var calls = twilio.calls();
      var answered = seen.getOrDefault("call-index", 0);
      for (var i = answered; i < calls.size(); i++) {
        var call = calls.get(i);
        var nth = seen.merge("call-count " + call.to(), 1, Integer::sum);
        var email = emailOfPhone.get(call.to());
        if (email != null && Habit.of(email) == Habit.FIRST_SMS && nth == 1) {
          later(() -> pressOne(call));
        }
      }
      seen.put("call-index", calls.size());
    } catch (RuntimeException e) {
      // a failed look must not end the schedule: the next one, 200 ms later, tries again
      System.err.println("contacts: " + e);
    }
  }

  private boolean isNew(String key) {
    return seen.putIfAbsent(key, 1) == null;
  }

  private void later(Runnable action) {
    people.schedule(
        action, ThreadLocalRandom.current().nextLong(500, 3_000), TimeUnit.MILLISECONDS);
  }

  private void clickLink(CaughtMail m, String to, Instant since) {
    var matcher = LINK.matcher(m.text() == null ? m.html() : m.text());
    if (!matcher.find()) {
      System.err.println("contacts: no ack link in the mail to " + to);
      return;
    }
    var instance = turn.getAndIncrement() % 2;
    attemptLink(matcher.group(1), to, instance, since);
  }

  private void attemptLink(String link, String to, int instance, Instant since) {
    var port = ackPorts.get(instance);
    var url = link.replaceFirst("http://localhost:\\d+/", "http://localhost:" + port + "/");
    try {
      var page =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      if (page.statusCode() >= 500 || page.statusCode() == 429) {
        throw new IOException("GET answered " + page.statusCode());
      }
      var confirm =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(5))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (confirm.statusCode() >= 500 || confirm.statusCode() == 429) {
        throw new IOException("POST answered " + confirm.statusCode());
      }
      acks.add(new Ack(to, Instant.now(), instance + 1, false));
    } catch (IOException e) {
      refused.incrementAndGet();
      retry(since, Duration.ofSeconds(1), () -> attemptLink(link, to, 1 - instance, since));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reply(SentSms sms, Instant since) {
    var matcher = REPLY_CODE.matcher(sms.body());
    if (!matcher.find()) {
      System.err.println("contacts: no reply code in the text to " + sms.to());
      return;
    }
    try {
      var answer = twilio.replyToSms(sms.to(), sms.from(), "ACK " + matcher.group(1));
      if (answer.status() != 200) {
        throw new IllegalStateException("the webhook answered " + answer.status());
      }
      acks.add(new Ack(sms.to(), Instant.now(), 0, true));
    } catch (RuntimeException e) {
      refused.incrementAndGet();
      // a person sends the reply again when no confirmation comes: every 10 s, which also keeps
      // under the ack-receiver's per-phone limit (10 a minute); the first version retried every
      // second and was throttled by it
      retry(since, Duration.ofSeconds(10), () -> reply(sms, since));
    }
  }

  /**
   * Picks up (Twilio fetches the call's page, through the balancer) and presses 1 at the prompt. A
   * call whose page or keypress fails is lost: Twilio plays an error and hangs up, and the person
   * waits for the next attempt.
   */
  private void pressOne(PlacedCall call) {
    try {
      var playing = twilio.answerCall(call, "human");
      if (playing.status() != 200 || !playing.body().contains("<Gather")) {
        throw new IllegalStateException("the call's page answered " + playing.status());
      }
      var pressed = twilio.pressDigits(call, playing, "1");
      if (pressed.status() != 200) {
        throw new IllegalStateException("the keypress answered " + pressed.status());
      }
      acks.add(new Ack(call.to(), Instant.now(), 0, true));
    } catch (RuntimeException e) {
      refused.incrementAndGet();
      gaveUp.incrementAndGet();
    }
  }

  private void retry(Instant since, Duration pause, Runnable again) {
    if (!running || Duration.between(since, Instant.now()).compareTo(GIVE_UP) > 0) {
      gaveUp.incrementAndGet();
      return;
    }
    people.schedule(again, pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Acks answered by instance {@code instance} at or after {@code from}, links or webhooks; the
   * first one's time.
   */
  /**
   * The first ack any ack-receiver answered from {@code from} on: the service taking acks again
   * (the balancer and the links' retry hand them to the instance still up).
   */
  Instant firstAckAfter(Instant from) {
    return java.util.stream.Stream.of(
            firstAckThrough(1, from), firstAckThrough(2, from), firstAckThrough(0, from))
        .filter(java.util.Objects::nonNull)
        .min(Instant::compareTo)
        .orElse(null);
  }

  Instant firstAckThrough(int instance, Instant from) {
    var link =
        acks.stream()
            .filter(a -> a.instance() == instance && !a.at().isBefore(from))
            .map(Ack::at)
            .min(Instant::compareTo)
            .orElse(null);
    var webhook = balancer.firstAnsweredBy(instance, from);
    return link == null || (webhook != null && webhook.isBefore(link)) ? webhook : link;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    reader.shutdownNow();
    reader.awaitTermination(5, TimeUnit.SECONDS);
    people.shutdownNow();
    people.awaitTermination(5, TimeUnit.SECONDS);
  }
}
