package alerting.dispatcher.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.dispatcher.DispatcherApplication;
import alerting.events.AlertBrief;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import alerting.events.DeliveryRequested;
import alerting.events.DeliveryStatus;
import alerting.events.DeliveryStatusReported;
import alerting.events.Event;
import alerting.events.EventSerde;
import alerting.events.Lane;
import alerting.events.Severity;
import alerting.events.Topics;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import alerting.testsupport.LocalIdentityProvider;
import alerting.testsupport.SharedKafka;
import alerting.testsupport.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.event.ConsumerStoppedEvent;

/**
 * Two dispatcher instances on a real broker, each with its own instance id (docs/reliability.md,
 * finding 5): every consumer of both has a 6 s session and a static {@code group.instance.id} of
 * its own, so a killed instance's partitions are taken over within seconds and a restarted one gets
 * its own back without a rebalance; and each instance's producers have transactional ids of their
 * own, so the two share the senders' work without fencing each other.
 */
class DispatcherInstancesOnRealKafkaTest {
  static final List<String> INSTANCES = List.of("dispatcher-a", "dispatcher-b");
  static final MailCatcher mail = MailCatcher.start(0);
  static final TwilioStandIn twilio =
      TwilioStandIn.start(
          0,
          "AC44444444444444444444444444444444",
          "instances-auth-token",
          "http://localhost:1/twilio/sms");
  static final LocalIdentityProvider idp = LocalIdentityProvider.start(0);
  static final List<ConfigurableApplicationContext> dispatchers = new ArrayList<>();
  static final List<String> fenced = new CopyOnWriteArrayList<>();
  static TopicRecorder<String> statuses;

  @BeforeAll
  static void startTwoInstances() {
    SharedKafka.createTopics(Topics.ALL);
    statuses = TopicRecorder.ofStrings(List.of(Topics.DELIVERY_STATUS.name()));
    for (var instance : INSTANCES) {
      dispatchers.add(
          DispatcherApplication.builder()
              .listeners(
                  (ApplicationListener<ApplicationEvent>)
                      event -> {
                        if (event instanceof ConsumerStoppedEvent stopped
                            && stopped.getReason() == ConsumerStoppedEvent.Reason.FENCED) {
                          fenced.add(instance + ": " + stopped.getSource());
                        }
                      })
              // as arguments: builder properties are defaults, under alert-dispatcher.yml
              .run(settings(instance)));
    }
  }

  static String[] settings(String instance) {
    return Map.<String, Object>ofEntries(
            Map.entry("alerting.dispatcher.kafka.instance-id", instance),
            Map.entry("server.port", 0),
            Map.entry("management.server.port", 0),
            Map.entry("spring.kafka.bootstrap-servers", SharedKafka.bootstrapServers()),
            Map.entry("spring.mail.host", mail.smtpHost()),
            Map.entry("spring.mail.port", mail.smtpPort()),
            Map.entry("alerting.dispatcher.twilio.api-base-url", twilio.baseUrl()),
            Map.entry("alerting.dispatcher.twilio.account-sid", twilio.accountSid()),
            Map.entry("alerting.dispatcher.twilio.auth-token", "instances-auth-token"),
            Map.entry("alerting.dispatcher.links.key", "test-ack-link-key-0123456789abcdef"),
            Map.entry(
                "alerting.dispatcher.links.signing-key", "test-signing-link-key-0123456789abcdef"),
            Map.entry("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", idp.jwkSetUri()),
            Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", idp.issuer()))
        .entrySet()
        .stream()
        .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
        .toArray(String[]::new);
  }

  @AfterAll
  static void stop() throws Exception {
    dispatchers.forEach(ConfigurableApplicationContext::close);
    leaveGroups();
    statuses.close();
    mail.close();
    twilio.close();
    idp.close();
  }

  @Test
  void everyConsumerHasASixSecondSessionAndAStaticMembershipOfItsInstance() throws Exception {
    for (var i = 0; i < INSTANCES.size(); i++) {
      var consumers = dispatchers.get(i).getBean(ConsumerFactory.class);
      assertThat(consumers.getConfigurationProperties())
          .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
          .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    }
    // as the broker sees the groups: a sender lane with two consumers per instance, and the
    // incidents listener with one (numbered all the same)
    var expected =
        Map.of(
            "email-sender-critical",
            INSTANCES.stream()
                .flatMap(
                    instance ->
                        IntStream.range(0, 2)
                            .mapToObj(n -> instance + "-email-sender-critical-" + n))
                .collect(Collectors.toSet()),
            "incidents",
            INSTANCES.stream()
                .map(instance -> instance + "-incidents-0")
                .collect(Collectors.toSet()));
    try (var admin = admin()) {
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                var groups = admin.describeConsumerGroups(expected.keySet()).all().get();
                expected.forEach(
                    (group, instanceIds) ->
                        assertThat(staticIds(groups.get(group).members()))
                            .as("static members of " + group)
                            .containsAll(instanceIds));
              });
    }
  }

  @Test
  void twoInstancesShareTheSendersWorkWithoutFencingEachOther() {
    var prefixes =
        dispatchers.stream()
            .map(c -> c.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix())
            .toList();
    assertThat(prefixes)
        .containsExactly("alert-dispatcher-dispatcher-a-", "alert-dispatcher-dispatcher-b-");
    // both instances hold some of the critical email lane's partitions
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(dispatchers)
                    .allSatisfy(
                        c ->
                            assertThat(
                                    c.getBean(KafkaListenerEndpointRegistry.class)
                                        .getListenerContainer("email-sender-critical")
                                        .getAssignedPartitions())
                                .isNotEmpty()));

    var run = UUID.randomUUID().toString().substring(0, 8);
    var deliveries =
        IntStream.range(0, 30).mapToObj(i -> delivery("instances-" + run + "-" + i)).toList();
    try (var producer =
        new KafkaProducer<String, Event>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
            new StringSerializer(),
            new EventSerde().serializer())) {
      for (var delivery : deliveries) {
        producer.send(
            new ProducerRecord<>(
                Channel.EMAIL.deliveryTopic(Lane.CRITICAL).name(), delivery.key(), delivery));
      }
      producer.flush();
    }

    var ids = deliveries.stream().map(DeliveryRequested::deliveryId).collect(Collectors.toSet());
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(sent(run)).as("reported SENT").containsAll(ids));
    assertThat(fenced).as("consumers stopped because their producer was fenced").isEmpty();
  }

  /**
   * A static member does not leave its group when it closes (so that it gets its partitions back
   * after a restart): its partitions would wait for its session to end. Other tests' dispatchers
   * need not wait.
   */
  private static void leaveGroups() throws Exception {
    try (var admin = admin()) {
      var groups = admin.listGroups().all().get().stream().map(g -> g.groupId()).toList();
      for (var group : admin.describeConsumerGroups(groups).all().get().values()) {
        var ours =
            staticIds(group.members()).stream()
                .filter(id -> INSTANCES.stream().anyMatch(id::startsWith))
                .map(MemberToRemove::new)
                .toList();
        if (!ours.isEmpty()) {
          admin
              .removeMembersFromConsumerGroup(
                  group.groupId(), new RemoveMembersFromConsumerGroupOptions(ours))
              .all()
              .get();
        }
      }
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()));
  }

  private static Set<String> staticIds(java.util.Collection<MemberDescription> members) {
    return members.stream().flatMap(m -> m.groupInstanceId().stream()).collect(Collectors.toSet());
  }

  private static Set<String> sent(String run) {
    return statuses.events(Topics.DELIVERY_STATUS.name(), DeliveryStatusReported.class).stream()
        .filter(s -> s.alertId().contains(run) && s.status() == DeliveryStatus.SENT)
        .map(DeliveryStatusReported::deliveryId)
        .collect(Collectors.toSet());
  }

  private static DeliveryRequested delivery(String alertId) {
    var brief =
        new AlertBrief(
            "inc-" + alertId,
            "tenant-instances",
            "Tenant Instances",
            "contact-" + alertId,
            "Contact",
            Severity.CRITICAL,
            "Two instances",
            "Summary",
            null,
            "K2");
    return DeliveryRequested.attempt(
        alertId,
        1,
        new ContactMethod(Channel.EMAIL, alertId + "@instances-test.example"),
        brief,
        Instant.now());
  }
}
