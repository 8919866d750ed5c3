package alerting.ack;

import alerting.ack.system.AckReceiverSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(AckReceiverSettings.class)
public class AckReceiverApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /** Named config file, because the local stack runs all four services on one classpath. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(AckReceiverApplication.class)
        .properties("spring.config.name=ack-receiver");
  }
}
