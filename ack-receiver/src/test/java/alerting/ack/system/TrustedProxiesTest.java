package alerting.ack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  @Test
  void addressesAndRangesBecomeAnExpressionMatchingExactlyThem() {
    var regex =
        Pattern.compile(
            TrustedProxies.regex(
                List.of("10.0.3.0/24", "172.16.0.0/12", "192.0.2.9", "2001:db8::/32", "::1")));

    assertThat(
            List.of(
                "10.0.3.0",
                "10.0.3.255",
                "172.16.0.1",
                "172.31.255.254",
                "192.0.2.9",
                "2001:db8:0:0:0:0:0:1",
                "2001:db8:ffff:1:2:3:4:5",
                "0:0:0:0:0:0:0:1",
                "::1"))
        .allSatisfy(a -> assertThat(regex.matcher(a).matches()).as(a).isTrue());
    assertThat(
            List.of(
                "10.0.4.1",
                "10.0.30.1",
                "110.0.3.1",
                "172.32.0.1",
                "172.15.255.255",
                "192.0.2.90",
                "192.0.2.1",
                "2001:db9:0:0:0:0:0:1",
                "0:0:0:0:0:0:0:2",
                "127.0.0.1"))
        .allSatisfy(a -> assertThat(regex.matcher(a).matches()).as(a).isFalse());
  }

  @Test
  void aHostNameOrABadPrefixIsRefusedAtStartUp() {
    assertThatThrownBy(() -> TrustedProxies.regex(List.of("lb.example.com")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.regex(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.regex(List.of("2001:db8::/20")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
