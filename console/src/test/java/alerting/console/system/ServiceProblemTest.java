package alerting.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceProblemTest {

  @Test
  void theFieldIsTheDetailsPrefixWhenTheServiceNamesOne() {
    assertThat(ServiceProblem.fieldPrefix("methods[1].address: not a valid phone number: 12"))
        .isEqualTo("methods[1].address");
    assertThat(ServiceProblem.fieldPrefix("title: is required")).isEqualTo("title");
  }

  @Test
  void aSentenceWithAColonIsNotAField() {
    assertThat(ServiceProblem.fieldPrefix("The service failed (500): try again")).isNull();
    assertThat(ServiceProblem.fieldPrefix("no colon here")).isNull();
    assertThat(ServiceProblem.fieldPrefix(null)).isNull();
  }

  @Test
  void theMessageBesideTheFieldLeavesTheFieldNameOut() {
    var problem =
        new ServiceProblem(400, "Invalid request", "email: not an email address: x", "email");
    assertThat(problem.fieldMessage()).isEqualTo("not an email address: x");
    assertThat(new ServiceProblem(400, "Invalid request", "something else", null).fieldMessage())
        .isEqualTo("something else");
  }
}
