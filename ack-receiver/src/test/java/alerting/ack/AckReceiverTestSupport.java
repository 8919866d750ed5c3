package alerting.ack;

import static org.awaitility.Awaitility.await;

import alerting.ack.openalerts.OpenAlerts;
import alerting.events.AckEvidence;
import alerting.events.AlertAcknowledged;
import alerting.events.AlertBrief;
import alerting.events.AlertIds;
import alerting.events.AlertOpened;
import alerting.events.AlertState;
import alerting.events.AlertStatus;
import alerting.events.AttemptRecord;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.Correlation;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.EscalationPlan;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.ReplyCodes;
import alerting.events.Severity;
import alerting.events.SupportAccessChanged;
import alerting.events.Topics;
import alerting.localinfra.FreePorts;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running ack-receiver on the shared real broker for every endpoint test (one Spring context,
 * cached), with what a test needs around it: alerts published as the dispatcher and the worker
 * would, Twilio's side played by the local-infra stand-in (its signatures are computed
 * independently of the Twilio SDK the service verifies with), and what the service published.
 */
@SpringBootTest(
    classes = AckReceiverApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.config.name=ack-receiver",
      "alerting.ack.twilio.auth-token=" + AckReceiverTestSupport.PRIMARY_TOKEN,
      "alerting.ack.twilio.secondary-auth-token=" + AckReceiverTestSupport.SECONDARY_TOKEN,
      "alerting.ack.links.keys.k1=" + AckReceiverTestSupport.KEY_1,
      "alerting.ack.links.keys.k2=" + AckReceiverTestSupport.KEY_2,
      "alerting.ack.limits.link-requests-per-client-per-minute=10",
      "alerting.ack.limits.requests-per-phone-per-minute=10",
      // the test client's own address stands for the load balancer: its X-Forwarded-For is believed
      "alerting.ack.trusted-proxies=127.0.0.1,::1",
      "logging.level.org.apache.kafka=WARN"
    })
public abstract class AckReceiverTestSupport {
  public static final String PRIMARY_TOKEN = "primary-test-auth-token";
  public static final String SECONDARY_TOKEN = "secondary-test-auth-token";
  public static final String KEY_1 = "first-ack-link-key-0123456789abcdef";
  public static final String KEY_2 = "second-ack-link-key-0123456789abcdef";
  public static final String SERVICE_NUMBER = "+15005550006";
  private static final String MARKER = "test-marker-";

  protected static final int PORT = FreePorts.next();

  /** Where actuator answers: a port of its own, as in every deployment. */
  protected static final int MANAGEMENT_PORT = FreePorts.next();

  /** The configured public base URL: what Twilio signs and what the stand-in posts to. */
  protected static final String BASE_URL = "http://localhost:" + PORT;

  protected static final HttpClient http = HttpClient.newHttpClient();
  protected static final TwilioStandIn twilio =
      TwilioStandIn.start(0, "AC" + "0".repeat(32), PRIMARY_TOKEN, BASE_URL + "/twilio/sms");

  private static final List<AlertAcknowledged> acks = new CopyOnWriteArrayList<>();
  private static final List<DeliveryStatusReported> statuses = new CopyOnWriteArrayList<>();
  private static final Set<String> seen = ConcurrentHashMap.newKeySet();
  private static final KafkaProducer<String, Event> producer;
  private static final AtomicInteger phones =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

  static {
    SharedKafka.createTopics(Topics.ALL);
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", SharedKafka.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new EventSerde().serializer());
    // runs for the whole JVM, sorting what the service published as it arrives
    TopicRecorder.following(
        SharedKafka.consumerProps("ack-receiver-test-" + UUID.randomUUID()),
        List.of(Topics.ACKS.name(), Topics.DELIVERY_STATUS.name()),
        new EventSerde().deserializer(),
        record -> sortPublished(record.value()));
  }

  @Autowired protected OpenAlerts alerts;
  @Autowired protected MeterRegistry meters;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    registry.add("server.port", () -> PORT);
    registry.add("management.server.port", () -> MANAGEMENT_PORT);
    registry.add("alerting.ack.public-base-url", () -> BASE_URL);
  }

  /**
   * Another ack-receiver on the same broker behind the same public URL, as a second instance or the
   * same one restarted would be; without the test's trusted proxies unless {@code overrides} name
   * them. The caller closes it.
   */
  protected static ConfigurableApplicationContext startInstance(
      int port, Map<String, String> overrides) {
    var properties = new LinkedHashMap<String, Object>();
    properties.put("alerting.ack.twilio.auth-token", PRIMARY_TOKEN);
    properties.put("alerting.ack.links.keys.k1", KEY_1);
    properties.put("alerting.ack.limits.link-requests-per-client-per-minute", 10);
    properties.put("alerting.ack.limits.requests-per-phone-per-minute", 10);
    properties.put("alerting.ack.public-base-url", BASE_URL);
    properties.put("spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
    properties.put("server.port", port);
    properties.put("management.server.port", FreePorts.next());
    // one JVM, several services: each keeps its own meters and stays off JMX
    properties.put("management.metrics.use-global-registry", false);
    properties.put("spring.jmx.enabled", false);
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.org.apache.kafka", "WARN");
    properties.putAll(overrides);
    return AckReceiverApplication.builder()
        .run(
            properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  /** A phone number no other test uses, so each test sees only its own alerts. */
  protected static String newPhone() {
    return "+1415" + String.format("%07d", phones.incrementAndGet() % 10_000_000);
  }

  /** Publishes an alert as the dispatcher would and waits until the service's view has it. */
  protected AlertOpened openAlert(String tenantName, String title, List<ContactMethod> methods) {
    return openAlert(tenantName, title, methods, null);
  }

  /** Like {@link #openAlert(String, String, List)} with a reply code of the test's choosing. */
  protected AlertOpened openAlert(
      String tenantName, String title, List<ContactMethod> methods, String replyCode) {
    return openAlert(tenantName, title, methods, replyCode, null);
  }

  /** Like {@link #openAlert(String, String, List)} opened for a purpose: a confirmation's alert. */
  protected AlertOpened openAlert(
      String tenantName,
      String title,
      List<ContactMethod> methods,
      String replyCode,
      String confirmationOf) {
    return openAlert(tenantName, title, methods, replyCode, confirmationOf, null, null);
  }

  /** A confirmation's alert that says what is asked ({@code action}) and by whom. */
  protected AlertOpened openAlert(
      String tenantName,
      String title,
      List<ContactMethod> methods,
      String replyCode,
      String confirmationOf,
      SupportAccessChanged.Action action,
      String requestedBy) {
    var incidentId = confirmationOf == null ? UUID.randomUUID().toString() : confirmationOf;
    var tenantId = "t-" + incidentId.substring(0, 8);
    var contactId = "c-" + incidentId.substring(9, 13);
    var alertId = AlertIds.forRecipient(incidentId, tenantId, contactId);
    var brief =
        new AlertBrief(
            incidentId,
            tenantId,
            tenantName,
            contactId,
            "Ada Lovelace",
            Severity.CRITICAL,
            title,
            "Rotate every key",
            "https://status.example/" + incidentId,
            replyCode == null ? ReplyCodes.forAlert(alertId) : replyCode,
            confirmationOf == null
                ? Correlation.INCIDENT
                : Correlation.supportAccessConfirmation(confirmationOf, action, requestedBy));
    var alert =
        new AlertOpened(
            UUID.randomUUID(),
            Instant.now(),
            alertId,
            brief,
            methods,
            new EscalationPlan(Duration.ofMinutes(5), 2));
    send(alert);
    await().atMost(Duration.ofSeconds(20)).until(() -> alerts.byId(alertId).isPresent());
    return alert;
  }

  /** Publishes the worker's state of an alert and waits until the service's view has it. */
  protected void publishState(AlertOpened alert, AlertStatus status, int currentAttempt) {
    var attempts = new ArrayList<AttemptRecord>();
    for (var n = 1; n <= currentAttempt; n++) {
      attempts.add(
          new AttemptRecord(n, alert.methodFor(n).channel(), Instant.now(), Instant.now(), null));
    }
    send(
        new AlertState(
            UUID.randomUUID(),
            Instant.now(),
            alert.alertId(),
            status,
            currentAttempt,
            alert.brief(),
            attempts,
            null,
            null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                alerts.status(alert.alertId()).orElseThrow() == status
                    && alerts.currentAttempt(alert.alertId()) == currentAttempt);
  }

  protected static void send(Event event) {
    var topic =
        event instanceof AlertState
            ? Topics.ALERT_STATE
            : event instanceof AlertAcknowledged
                ? Topics.ACKS
                : event instanceof DeliveryStatusReported ? Topics.DELIVERY_STATUS : Topics.ALERTS;
    try {
      producer.send(new ProducerRecord<>(topic.name(), event.key(), event)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish " + event, e);
    }
  }

  protected static List<AlertAcknowledged> acksFor(String alertId) {
    return acks.stream().filter(a -> a.alertId().equals(alertId)).toList();
  }

  protected static List<DeliveryStatusReported> statusesFor(String alertId) {
    return statuses.stream().filter(s -> s.alertId().equals(alertId)).toList();
  }

  /**
   * Waits until everything the service published about an alert so far has been read: the service
   * confirms each publish before it answers, so a marker sent now to the same partitions arrives
   * after all of it. Lets a test assert "nothing was published" without sleeping.
   */
  protected static void settle(String alertId) {
    var marker = MARKER + UUID.randomUUID();
    send(
        new AlertAcknowledged(
            UUID.randomUUID(),
            Instant.now(),
            alertId,
            null,
            Channel.EMAIL,
            new AckEvidence(marker, null, Instant.now())));
    send(
        new DeliveryStatusReported(
            UUID.randomUUID(),
            Instant.now(),
            alertId,
            AlertIds.deliveryId(alertId, 1),
            1,
            Channel.EMAIL,
            DeliveryStatus.SENT,
            null,
            marker));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> seen.contains(marker + "|ack") && seen.contains(marker + "|status"));
  }

  protected double refusedCount(String endpoint, String reason) {
    var counter =
        meters
            .find("alerting.webhooks.refused")
            .tag("endpoint", endpoint)
            .tag("reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  protected static HttpResponse<String> get(String path, String client) {
    return call(HttpRequest.newBuilder(URI.create(BASE_URL + path)).GET(), client);
  }

  protected static HttpResponse<String> post(String path, String client) {
    return call(
        HttpRequest.newBuilder(URI.create(BASE_URL + path))
            .POST(HttpRequest.BodyPublishers.noBody()),
        client);
  }

  /** Twilio's inbound-SMS parameters, with a message sid of the test's choosing. */
  protected static Map<String, String> inboundSms(String from, String body, String messageSid) {
    return Map.of(
        "AccountSid",
        twilio.accountSid(),
        "ApiVersion",
        "2010-04-01",
        "MessageSid",
        messageSid,
        "SmsSid",
        messageSid,
        "SmsStatus",
        "received",
        "From",
        from,
        "To",
        SERVICE_NUMBER,
        "Body",
        body,
        "NumMedia",
        "0",
        "NumSegments",
        "1");
  }

  private static HttpResponse<String> call(HttpRequest.Builder request, String client) {
    try {
      // this context trusts X-Forwarded-For from loopback (alerting.ack.trusted-proxies), as from a
      // load balancer
      return http.send(
          request.header("X-Forwarded-For", client).header("User-Agent", "TestBrowser/1.0").build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sortPublished(Event event) {
    if (event instanceof AlertAcknowledged ack) {
      if (ack.evidence().from().startsWith(MARKER)) {
        seen.add(ack.evidence().from() + "|ack");
      } else {
        acks.add(ack);
      }
    } else if (event instanceof DeliveryStatusReported status) {
      if (status.reason() != null && status.reason().startsWith(MARKER)) {
        seen.add(status.reason() + "|status");
      } else {
        statuses.add(status);
      }
    }
  }
}
