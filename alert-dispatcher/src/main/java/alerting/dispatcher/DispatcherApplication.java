package alerting.dispatcher;

import alerting.dispatcher.system.DispatcherSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(DispatcherSettings.class)
public class DispatcherApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /** Named config file, because the local stack runs all four services on one classpath. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(DispatcherApplication.class)
        .properties("spring.config.name=alert-dispatcher");
  }
}
