package alerting.testsupport;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The architecture rules every service keeps, in one place for their architecture tests. */
public final class ServiceRules {
  private static final List<String> SERVICES =
      List.of(
          "alerting.contacts",
          "alerting.dispatcher",
          "alerting.ack",
          "alerting.escalation",
          "alerting.console",
          "alerting.identity",
          "alerting.local",
          "alerting.localinfra");

  private ServiceRules() {}

  /** Kafka clients come from the plumbing, built from spring.kafka.* (TLS, SASL), never by hand. */
  public static ArchRule kafkaClientsAreBuiltOnlyByThePlumbing() {
    return noClasses()
        .should()
        .callConstructorWhere(target(owner(assignableTo(KafkaConsumer.class))))
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(KafkaProducer.class))))
        .orShould()
        .callMethodWhere(target(owner(assignableTo(Admin.class))).and(target(name("create"))))
        .because("only alerting.kafka builds Kafka clients (kafka-plumbing)");
  }

  /** The services share the events contract and the plumbing, never each other's code. */
  public static ArchRule usesNoOtherServicesCode(String ownPackage) {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            SERVICES.stream()
                .filter(service -> !service.equals(ownPackage))
                .map(service -> service + "..")
                .toArray(String[]::new))
        .because("the services share only the events contract and the Kafka plumbing");
  }
}
