package alerting.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service can be configured with: the properties of its settings record and Spring Boot's
 * documented properties, and how an environment variable names one of them (relaxed binding:
 * dots become underscores, dashes are dropped or become underscores, all upper case).
 */
final class ServiceSettings {
  private ServiceSettings() {}

  /** A settable property; {@code map} when any sub-key below it is a setting (a map's keys). */
  record Property(String name, boolean map) {
    boolean boundBy(String variable) {
      return map ? envNames(name).stream().anyMatch(prefix -> variable.startsWith(prefix + "_"))
          : envNames(name).contains(variable);
    }
  }

  static String prefixOf(Class<?> settings) {
    var annotation = settings.getAnnotation(ConfigurationProperties.class);
    return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
  }

  /** Every property of a settings record, nested groups included. */
  static List<Property> propertiesOf(Class<?> settings) {
    var properties = new ArrayList<Property>();
    walk(prefixOf(settings), settings, properties);
    return properties;
  }

  private static void walk(String prefix, Class<?> type, List<Property> into) {
    for (RecordComponent component : type.getRecordComponents()) {
      var name = prefix + "." + kebab(component.getName());
      if (component.getType().isRecord()) {
        walk(name, component.getType(), into);
      } else {
        into.add(new Property(name, Map.class.isAssignableFrom(component.getType())));
      }
    }
  }

  /** Spring Boot's own properties, from the configuration metadata of every jar on the class path. */
  static List<Property> bootProperties() {
    var mapper = JsonMapper.builder().build();
    var properties = new ArrayList<Property>();
    try {
      for (var resource : new PathMatchingResourcePatternResolver()
          .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
        try (var in = resource.getInputStream()) {
          for (var property : mapper.readTree(in).path("properties")) {
            var type = property.path("type").asString("");
            properties.add(new Property(property.path("name").asString(), type.startsWith("java.util.Map")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  static Optional<Property> boundBy(String variable, List<Property> candidates) {
    return candidates.stream().filter(p -> p.boundBy(variable)).findFirst();
  }

  static Set<String> envNames(String property) {
    var base = property.replace('.', '_').toUpperCase(Locale.ROOT);
    var names = new LinkedHashSet<String>();
    names.add(base.replace("-", ""));
    names.add(base.replace('-', '_'));
    return names;
  }

  /**
   * A binder over what the running service would see: the given environment variables first,
   * then the service's own config file ({@code <service>.yml}), placeholders resolved.
   */
  static Binder binder(String service, Map<String, String> environment) {
    var sources = new MutablePropertySources();
    sources.addLast(new SystemEnvironmentPropertySource(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(environment)));
    try {
      new YamlPropertySourceLoader().load(service, new ClassPathResource(service + ".yml"))
          .forEach(sources::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Binder(ConfigurationPropertySources.from(sources),
        new PropertySourcesPlaceholdersResolver(sources), ApplicationConversionService.getSharedInstance());
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
