package alerting.ack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import alerting.testsupport.ServiceRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package by feature, kept: each way to acknowledge stands alone on the shared edge plumbing. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("alerting.ack");

  @Test
  void theWaysToAcknowledgeDoNotDependOnEachOther() {
    slices()
        .matching("alerting.ack.(links|sms|voice|status)..")
        .should()
        .notDependOnEachOther()
        .check(CLASSES);
  }

  @Test
  void theSharedPartsDependOnNoFeature() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "alerting.ack.openalerts..",
            "alerting.ack.twilio..",
            "alerting.ack.abuse..",
            "alerting.ack.system..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "alerting.ack.links..",
            "alerting.ack.sms..",
            "alerting.ack.voice..",
            "alerting.ack.status..")
        .check(CLASSES);
  }

  @Test
  void onlyThePublisherWritesToKafka() {
    noClasses()
        .that()
        .resideOutsideOfPackage("alerting.ack.system..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate")
        .check(CLASSES);
  }

  @Test
  void kafkaClientsAreBuiltOnlyByThePlumbing() {
    ServiceRules.kafkaClientsAreBuiltOnlyByThePlumbing().check(CLASSES);
  }

  @Test
  void usesNoOtherServicesCode() {
    ServiceRules.usesNoOtherServicesCode("alerting.ack").check(CLASSES);
  }
}
