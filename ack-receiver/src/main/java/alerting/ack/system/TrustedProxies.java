package alerting.ack.system;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The client's address is the connection's unless the connection comes from a proxy named in {@code
 * alerting.ack.trusted-proxies}: only then does Tomcat's own {@link RemoteIpValve} take it from
 * X-Forwarded-For, walking the header from the right past trusted proxies only, so a client cannot
 * pick its own rate-limit bucket by sending the header. None is trusted by default, and {@code
 * server.forward-headers-strategy} is {@code none} so Boot adds no valve trusting every private
 * address (as it would on a detected cloud platform). The valve matches a regular expression, so
 * each address or CIDR range of the setting is turned into one here.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private final List<String> proxies;

  TrustedProxies(AckReceiverSettings settings) {
    this.proxies = settings.trustedProxies();
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (proxies.isEmpty()) {
      return;
    }
    var valve = new RemoteIpValve();
    valve.setRemoteIpHeader("X-Forwarded-For");
    valve.setProtocolHeader("X-Forwarded-Proto");
    // internal proxies only, no "trusted proxies": those would be believed about hops before them
    valve.setInternalProxies(regex(proxies));
    factory.addEngineValves(valve);
  }

  /**
   * One expression matching exactly the given addresses and CIDR ranges, as Tomcat writes
   * addresses.
   */
  static String regex(List<String> proxies) {
    return proxies.stream().map(TrustedProxies::range).collect(Collectors.joining("|"));
  }

  private static String range(String proxy) {
    var slash = proxy.indexOf('/');
    var address = parse(slash < 0 ? proxy : proxy.substring(0, slash), proxy);
    var bits = address.getAddress().length * 8;
    var prefix = slash < 0 ? bits : prefixLength(proxy.substring(slash + 1), bits, proxy);
    return address instanceof Inet4Address
        ? ipv4(address.getAddress(), prefix)
        : ipv6(address.getAddress(), prefix, proxy);
  }

  private static String ipv4(byte[] octets, int prefix) {
    var parts = new ArrayList<String>();
    for (var i = 0; i < 4; i++) {
      var fixed = Math.max(0, Math.min(8, prefix - i * 8));
      var mask = fixed == 0 ? 0 : 0xFF << (8 - fixed) & 0xFF;
      var low = octets[i] & mask;
      var high = low | ~mask & 0xFF;
      parts.add(
          low == high
              ? Integer.toString(low)
              : IntStream.rangeClosed(low, high)
                  .mapToObj(Integer::toString)
                  .collect(Collectors.joining("|", "(?:", ")")));
    }
    return String.join("\\.", parts);
  }

  /**
   * IPv6 ranges by whole groups of 16 bits: Tomcat writes each group in hex without leading zeros.
   */
  private static String ipv6(byte[] bytes, int prefix, String proxy) {
    if (prefix % 16 != 0) {
      throw new IllegalArgumentException(
          "trusted proxy " + proxy + ": an IPv6 prefix must be a multiple of 16");
    }
    var parts = new ArrayList<String>();
    for (var group = 0; group < 8; group++) {
      parts.add(
          group * 16 < prefix
              ? Integer.toHexString((bytes[2 * group] & 0xFF) << 8 | bytes[2 * group + 1] & 0xFF)
              : "[0-9a-fA-F]{1,4}");
    }
    var full = String.join(":", parts);
    // an exact loopback also as Tomcat may report it in short form
    return prefix == 128 && full.equals("0:0:0:0:0:0:0:1") ? full + "|::1" : full;
  }

  private static InetAddress parse(String literal, String proxy) {
    // literals only: a host name here would be a DNS lookup at start-up and trust whatever it
    // returns
    if (!IPV4.matcher(literal).matches() && !literal.contains(":")) {
      throw new IllegalArgumentException(
          "trusted proxy " + proxy + " is not an IP address or CIDR range");
    }
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "trusted proxy " + proxy + " is not an IP address or CIDR range", e);
    }
  }

  private static int prefixLength(String text, int bits, String proxy) {
    try {
      var prefix = Integer.parseInt(text);
      if (prefix >= 0 && prefix <= bits) {
        return prefix;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("trusted proxy " + proxy + " has no valid prefix length");
  }
}
