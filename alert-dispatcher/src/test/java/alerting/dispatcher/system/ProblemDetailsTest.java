package alerting.dispatcher.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemDetailsTest {
  final ProblemDetails problems = new ProblemDetails();

  @Test
  void aRejectionNamingItsFieldCarriesItAsTheFieldProperty() {
    var problem =
        problems.invalid(new InvalidRequestException("size", "must be between 1 and 500"));
    assertThat(problem.getStatus()).isEqualTo(400);
    assertThat(problem.getDetail()).isEqualTo("size: must be between 1 and 500");
    assertThat(problem.getProperties()).containsEntry("field", "size");
  }

  @Test
  void aValidationMessageThatStartsWithAFieldNameExposesIt() {
    assertThat(
            problems
                .invalid(new IllegalArgumentException("title is required and must not be blank"))
                .getProperties())
        .containsEntry("field", "title");
    assertThat(problems.invalid(new IllegalArgumentException("summary: too long")).getProperties())
        .containsEntry("field", "summary");
  }

  @Test
  void aRejectionOfTheWholeRequestHasNoField() {
    assertThat(
            problems.invalid(new InvalidRequestException("unknown tenant(s) [x]")).getProperties())
        .isNull();
    assertThat(problems.invalid(new NullPointerException()).getProperties()).isNull();
  }
}
