package alerting.ack;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** Package by feature, kept: each way to acknowledge stands alone on the shared edge plumbing. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("alerting.ack");

  @Test
  void theWaysToAcknowledgeDoNotDependOnEachOther() {
    slices().matching("alerting.ack.(links|sms|voice|status)..").should().notDependOnEachOther()
        .check(CLASSES);
  }

  @Test
  void theSharedPartsDependOnNoFeature() {
    noClasses().that().resideInAnyPackage("alerting.ack.openalerts..", "alerting.ack.twilio..",
            "alerting.ack.abuse..", "alerting.ack.system..")
        .should().dependOnClassesThat().resideInAnyPackage("alerting.ack.links..", "alerting.ack.sms..",
            "alerting.ack.voice..", "alerting.ack.status..")
        .check(CLASSES);
  }

  @Test
  void onlyThePublisherWritesToKafka() {
    noClasses().that().resideOutsideOfPackage("alerting.ack.system..")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
        .check(CLASSES);
  }

  @Test
  void kafkaClientsAreBuiltOnlyByThePlumbing() {
    noClasses()
        .should().callConstructorWhere(target(owner(assignableTo(KafkaConsumer.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(KafkaProducer.class))))
        .orShould().callMethodWhere(target(owner(assignableTo(Admin.class))).and(target(name("create"))))
        .because("only alerting.kafka builds Kafka clients (kafka-plumbing), from spring.kafka.*")
        .check(CLASSES);
  }

  /** The services share the events contract and the plumbing, never each other's code. */
  @Test
  void usesNoOtherServicesCode() {
    noClasses()
        .should().dependOnClassesThat().resideInAnyPackage("alerting.contacts..", "alerting.dispatcher..", "alerting.escalation..", "alerting.console..", "alerting.identity..", "alerting.local..")
        .check(CLASSES);
  }
}
