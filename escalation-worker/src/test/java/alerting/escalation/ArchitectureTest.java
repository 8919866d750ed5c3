package alerting.escalation;

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

/** The worker's packages: rules without plumbing, the topology over them, the wiring apart. */
@AnalyzeClasses(packages = "alerting.escalation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.escalation.(*)..").should().beFreeOfCycles();

  /** The escalation rules take an event and a state: no Kafka type in sight. */
  @ArchTest
  static final ArchRule thePolicyKnowsNoKafka = noClasses()
      .that().resideInAPackage("alerting.escalation.policy..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

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
      .should().dependOnClassesThat().resideInAnyPackage("alerting.contacts..", "alerting.dispatcher..", "alerting.ack..", "alerting.console..", "alerting.identity..", "alerting.local..");
}
