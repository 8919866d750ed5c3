package alerting.contacts;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The feature packages of contact-service and the rules that keep them apart. */
@AnalyzeClasses(packages = "alerting.contacts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.contacts.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyRepositoriesTalkToTheDatabase = noClasses()
      .that().areNotAnnotatedWith(Repository.class)
      .should().dependOnClassesThat().areAssignableTo(JdbcClient.class);

  @ArchTest
  static final ArchRule nothingCallsAController = noClasses()
      .should().dependOnClassesThat().areAnnotatedWith(RestController.class)
      .allowEmptyShould(false);

  /** Changes reach Kafka only through the outbox; the error handler's dead letters are no change. */
  @ArchTest
  static final ArchRule onlyTheOutboxWritesToKafka = noClasses()
      .that().resideOutsideOfPackage("alerting.contacts.outbox..")
      .and().doNotHaveFullyQualifiedName("alerting.contacts.system.KafkaConfig")
      .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate");

  /** Kafka clients come from the plumbing, built from spring.kafka.* (TLS, SASL), never by hand here. */
  @ArchTest
  static final ArchRule kafkaClientsAreBuiltOnlyByThePlumbing = noClasses()
      .should().callConstructorWhere(target(owner(assignableTo(KafkaConsumer.class))))
      .orShould().callConstructorWhere(target(owner(assignableTo(KafkaProducer.class))))
      .orShould().callMethodWhere(target(owner(assignableTo(Admin.class))).and(target(name("create"))))
      .because("only alerting.kafka builds Kafka clients (kafka-plumbing)");

  /** The services share the events contract and the plumbing, never each other's code. */
  @ArchTest
  static final ArchRule usesNoOtherServicesCode = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("alerting.dispatcher..", "alerting.ack..", "alerting.escalation..", "alerting.console..", "alerting.identity..", "alerting.local..");
}
