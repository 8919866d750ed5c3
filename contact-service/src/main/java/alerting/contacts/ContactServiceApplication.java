package alerting.contacts;

import alerting.contacts.system.ContactServiceSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(ContactServiceSettings.class)
public class ContactServiceApplication {

  public static void main(String[] args) {
    builder().run(args);
  }

  /** Named config file, because the local stack runs all four services on one classpath. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(ContactServiceApplication.class)
        .properties("spring.config.name=contact-service");
  }
}
