package alerting.console.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.console.contacts.ContactsClient.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodRowsTest {
  static final List<Method> ROWS =
      List.of(
          new Method("EMAIL", "a@x.io"),
          new Method("SMS", "+14155550123"),
          new Method("VOICE", "+14155550124"));

  @Test
  void blankRowsAreDroppedAndValuesTrimmed() {
    assertThat(MethodRows.of(List.of("EMAIL", "", "SMS"), List.of(" a@x.io ", "", "+1 415")))
        .containsExactly(new Method("EMAIL", "a@x.io"), new Method("SMS", "+1 415"));
  }

  @Test
  void aRowMovesUpOrDownWithinTheList() {
    assertThat(MethodRows.move(ROWS, "1:up"))
        .extracting(Method::channel)
        .containsExactly("SMS", "EMAIL", "VOICE");
    assertThat(MethodRows.move(ROWS, "1:down"))
        .extracting(Method::channel)
        .containsExactly("EMAIL", "VOICE", "SMS");
  }

  @Test
  void aMovePastEitherEndOrAHandMadeOneChangesNothing() {
    assertThat(MethodRows.move(ROWS, "0:up")).isEqualTo(ROWS);
    assertThat(MethodRows.move(ROWS, "2:down")).isEqualTo(ROWS);
    assertThat(MethodRows.move(ROWS, "x:down")).isEqualTo(ROWS);
  }

  @Test
  void theRowOfAProblemComesFromItsField() {
    assertThat(MethodRows.rowOf("methods[2].address")).isEqualTo(2);
    assertThat(MethodRows.rowOf("roles")).isEqualTo(-1);
    assertThat(MethodRows.rowOf(null)).isEqualTo(-1);
  }

  @Test
  void aNewContactsMethodProblemPointsAtTheInputItCameFrom() {
    var methods = List.of(new Method("EMAIL", "a@x.io"), new Method("SMS", "12"));
    assertThat(NewContactController.formField("methods[1].address", methods)).isEqualTo("sms");
    assertThat(NewContactController.formField("methods[0].address", methods)).isEqualTo("email");
    assertThat(NewContactController.formField("displayName", methods)).isEqualTo("displayName");
  }
}
