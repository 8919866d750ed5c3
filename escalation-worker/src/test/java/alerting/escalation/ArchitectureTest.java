package alerting.escalation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import alerting.testsupport.ServiceRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The worker's packages: rules without plumbing, the topology over them, the wiring apart. */
@AnalyzeClasses(
    packages = "alerting.escalation",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.escalation.(*)..").should().beFreeOfCycles();

  /** The escalation rules take an event and a state: no Kafka type in sight. */
  @ArchTest
  static final ArchRule thePolicyKnowsNoKafka =
      noClasses()
          .that()
          .resideInAPackage("alerting.escalation.policy..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

  @ArchTest
  static final ArchRule kafkaClientsAreBuiltOnlyByThePlumbing =
      ServiceRules.kafkaClientsAreBuiltOnlyByThePlumbing();

  @ArchTest
  static final ArchRule usesNoOtherServicesCode =
      ServiceRules.usesNoOtherServicesCode("alerting.escalation");
}
