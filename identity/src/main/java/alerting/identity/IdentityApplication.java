package alerting.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(IdentitySettings.class)
public class IdentityApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /** Named config file, because the local stack runs every service on one classpath. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(IdentityApplication.class)
        .properties("spring.config.name=identity");
  }
}
