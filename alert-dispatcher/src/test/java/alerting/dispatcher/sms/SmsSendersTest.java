package alerting.dispatcher.sms;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.dispatcher.system.DispatcherSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SmsSendersTest {
  private static final String POOL = "+15005550010,+15005550011,+15005550012";

  @Test
  void aNumberInACountryWithItsOwnSenderGetsThatSenderFoundFromTheNumbersCountry() {
    var senders =
        senders(
            Map.of(
                "from-numbers",
                POOL,
                "country-senders.GB",
                "+447700900123",
                "country-senders.ca",
                "55555"));

    assertThat(senders.senderFor("+442079460123").from()).isEqualTo("+447700900123");
    assertThat(senders.senderFor("+14165550123").from()).as("+1 416 is Toronto").isEqualTo("55555");
    assertThat(senders.senderFor("+14155550123").from())
        .as("+1 415 is the US: the pool")
        .startsWith("+1500555001");
  }

  @Test
  void everyoneGetsTheSameNumberOfThePoolEveryTimeAndThePoolIsSpreadOver() {
    var senders = senders(Map.of("from-numbers", POOL));
    var again = senders(Map.of("from-numbers", POOL));
    var people = IntStream.range(0, 300).mapToObj(i -> "+1415555" + (1000 + i)).toList();

    var chosen =
        people.stream().collect(Collectors.toMap(p -> p, p -> senders.senderFor(p).from()));

    assertThat(people)
        .allSatisfy(p -> assertThat(again.senderFor(p).from()).isEqualTo(chosen.get(p)));
    assertThat(
            chosen.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting())))
        .hasSize(3)
        .allSatisfy((number, count) -> assertThat(count).isBetween(60L, 140L));
  }

  @Test
  void removingANumberFromThePoolMovesOnlyThePeopleWhoHadIt() {
    var before = senders(Map.of("from-numbers", POOL));
    var after = senders(Map.of("from-numbers", "+15005550010,+15005550012"));
    var people = IntStream.range(0, 300).mapToObj(i -> "+1415555" + (2000 + i)).toList();

    assertThat(people)
        .filteredOn(p -> !before.senderFor(p).from().equals("+15005550011"))
        .allSatisfy(
            p -> assertThat(after.senderFor(p).from()).isEqualTo(before.senderFor(p).from()));
  }

  @Test
  void aMessagingServiceWinsAndWithoutAPoolTheSingleNumberIsUsed() {
    var service =
        senders(Map.of("messaging-service-sid", "MG123", "country-senders.GB", "+447700900123"));
    assertThat(service.senderFor("+442079460123")).isEqualTo(new SmsSenders.Sender("MG123", null));

    var single = senders(Map.of("from-number", "+15005550099"));
    assertThat(single.senderFor("+14155550123"))
        .isEqualTo(new SmsSenders.Sender(null, "+15005550099"));
    assertThat(single.senderFor("not a number"))
        .as("an unknown country")
        .isEqualTo(new SmsSenders.Sender(null, "+15005550099"));
  }

  private static SmsSenders senders(Map<String, String> twilio) {
    var properties = new HashMap<String, String>();
    twilio.forEach((key, value) -> properties.put("alerting.dispatcher.twilio." + key, value));
    return new SmsSenders(
        new Binder(new MapConfigurationPropertySource(properties))
            .bindOrCreate("alerting.dispatcher", DispatcherSettings.class)
            .twilio());
  }
}
