package alerting.console;

import alerting.console.system.ConsoleSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(ConsoleSettings.class)
public class ConsoleApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /** Named config file, because the local stack runs every service on one classpath. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ConsoleApplication.class)
        .properties("spring.config.name=console");
  }
}
