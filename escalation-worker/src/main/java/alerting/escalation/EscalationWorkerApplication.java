package alerting.escalation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EscalationWorkerApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /** Also used by the all-in-one runner, where four services share one classpath. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(EscalationWorkerApplication.class)
        .properties("spring.config.name=escalation-worker");
  }
}
