package alerting.identity;

import alerting.testsupport.ServiceRules;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The identity provider stands alone: no other service's code, and no Kafka client of its own. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("alerting.identity");

  @Test
  void usesNoOtherServicesCode() {
    ServiceRules.usesNoOtherServicesCode("alerting.identity").check(CLASSES);
  }

  @Test
  void kafkaClientsAreBuiltOnlyByThePlumbing() {
    ServiceRules.kafkaClientsAreBuiltOnlyByThePlumbing().check(CLASSES);
  }
}
