package alerting.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import alerting.testsupport.ServiceRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The console owns no data: it reaches the system only through the services' REST APIs. */
@AnalyzeClasses(packages = "alerting.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.console.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule neverReadsTopicsOrDatabases =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.kafka..",
              "org.springframework.kafka..",
              "org.springframework.jdbc..",
              "javax.sql..",
              "java.sql..");

  @ArchTest
  static final ArchRule usesOnlyTheWireContractOfTheEventsModule =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("alerting.events.EventSerde")
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("alerting.kafka..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("alerting.events.Topics");

  @ArchTest
  static final ArchRule featuresCallTheServicesOnlyThroughTheRelayingClients =
      noClasses()
          .that()
          .resideOutsideOfPackage("alerting.console.system..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.springframework.web.client.RestClient$Builder");

  /** The services share the events contract and the plumbing, never each other's code. */
  @ArchTest
  static final ArchRule usesNoOtherServicesCode =
      ServiceRules.usesNoOtherServicesCode("alerting.console");
}
