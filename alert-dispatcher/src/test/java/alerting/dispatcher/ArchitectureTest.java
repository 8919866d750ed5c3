package alerting.dispatcher;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import alerting.testsupport.ServiceRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package by feature, kept: no cycles between features, no other service, Kafka plumbing in
 * kafka-plumbing.
 */
@AnalyzeClasses(
    packages = "alerting.dispatcher",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule kafkaClientsAreBuiltOnlyByThePlumbing =
      ServiceRules.kafkaClientsAreBuiltOnlyByThePlumbing();

  @ArchTest
  static final ArchRule featuresDoNotDependOnEachOtherInCircles =
      slices().matching("alerting.dispatcher.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule usesNoOtherServicesCode =
      ServiceRules.usesNoOtherServicesCode("alerting.dispatcher");
}
