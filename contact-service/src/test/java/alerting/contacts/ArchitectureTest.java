package alerting.contacts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import alerting.testsupport.ServiceRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The feature packages of contact-service and the rules that keep them apart. */
@AnalyzeClasses(
    packages = "alerting.contacts",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.contacts.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyRepositoriesTalkToTheDatabase =
      noClasses()
          .that()
          .areNotAnnotatedWith(Repository.class)
          .should()
          .dependOnClassesThat()
          .areAssignableTo(JdbcClient.class);

  @ArchTest
  static final ArchRule nothingCallsAController =
      noClasses()
          .should()
          .dependOnClassesThat()
          .areAnnotatedWith(RestController.class)
          .allowEmptyShould(false);

  /**
   * Changes reach Kafka only through the outbox; the error handler's dead letters are no change.
   */
  @ArchTest
  static final ArchRule onlyTheOutboxWritesToKafka =
      noClasses()
          .that()
          .resideOutsideOfPackage("alerting.contacts.outbox..")
          .and()
          .doNotHaveFullyQualifiedName("alerting.contacts.system.KafkaConfig")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.kafka.core.KafkaTemplate");

  @ArchTest
  static final ArchRule kafkaClientsAreBuiltOnlyByThePlumbing =
      ServiceRules.kafkaClientsAreBuiltOnlyByThePlumbing();

  @ArchTest
  static final ArchRule usesNoOtherServicesCode =
      ServiceRules.usesNoOtherServicesCode("alerting.contacts");
}
