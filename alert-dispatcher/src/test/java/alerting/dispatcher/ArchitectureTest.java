package alerting.dispatcher;

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

/** Package by feature, kept: no cycles between features, no other service, Kafka plumbing in kafka-plumbing. */
@AnalyzeClasses(packages = "alerting.dispatcher", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Kafka clients come from the plumbing, built from spring.kafka.* (TLS, SASL), never by hand here. */
  @ArchTest
  static final ArchRule kafkaClientsAreBuiltOnlyByThePlumbing = noClasses()
      .should().callConstructorWhere(target(owner(assignableTo(KafkaConsumer.class))))
      .orShould().callConstructorWhere(target(owner(assignableTo(KafkaProducer.class))))
      .orShould().callMethodWhere(target(owner(assignableTo(Admin.class))).and(target(name("create"))))
      .because("only alerting.kafka builds Kafka clients (kafka-plumbing)");

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.dispatcher.(*)..").should().beFreeOfCycles();

  /** The services share the events contract and the plumbing, never each other's code. */
  @ArchTest
  static final ArchRule usesNoOtherServicesCode = noClasses()
      .should().dependOnClassesThat().resideInAnyPackage("alerting.contacts..", "alerting.ack..",
          "alerting.escalation..", "alerting.console..", "alerting.identity..", "alerting.local..");
}
