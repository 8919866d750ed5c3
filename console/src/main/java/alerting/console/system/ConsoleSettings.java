package alerting.console.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's settings ({@code alerting.console.*}): where the services' APIs are, and how often
 * an open coverage board asks for news.
 */
@ConfigurationProperties("alerting.console")
public record ConsoleSettings(
    String contactServiceUrl, String dispatcherUrl, int boardRefreshSeconds) {
  public ConsoleSettings {
    require(contactServiceUrl, "alerting.console.contact-service-url");
    require(dispatcherUrl, "alerting.console.dispatcher-url");
    if (boardRefreshSeconds <= 0) {
      boardRefreshSeconds = 1;
    }
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
