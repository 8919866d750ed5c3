package alerting.systemtests;

import java.beans.IntrospectionException;
import java.beans.Introspector;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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
 * documented properties, and how an environment variable names one of them (relaxed binding: dots
 * become underscores, dashes are dropped or become underscores, all upper case).
 */
final class ServiceSettings {
  private ServiceSettings() {}

  /**
   * A settable property; {@code map} when sub-keys below it are settings (a map's keys). When the
   * map's values are objects ({@code type} says), a key must be followed by one of their properties
   * (the console's {@code spring.security.oauth2.client.provider.<id>.issuer-uri}), so a misspelt
   * one is caught.
   */
  record Property(String name, boolean map, String type) {
    Property(String name, boolean map) {
      this(name, map, "");
    }

    boolean boundBy(String variable) {
      if (!map) {
        return envNames(name).contains(variable);
      }
      return envNames(name).stream()
          .filter(prefix -> variable.startsWith(prefix + "_"))
          .anyMatch(prefix -> namesAnEntry(variable.substring(prefix.length() + 1)));
    }

    /** {@code KEY_ENTRY}, or {@code KEY_ENTRY_...} below an entry that is an object itself. */
    private boolean namesAnEntry(String keyAndEntry) {
      var entries = entriesOf(type);
      return entries.isEmpty()
          || entries.stream()
              .flatMap(e -> envNames(e).stream())
              .anyMatch(
                  entry ->
                      keyAndEntry.endsWith("_" + entry) && keyAndEntry.length() > entry.length() + 1
                          || keyAndEntry.contains("_" + entry + "_"));
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

  /**
   * Spring Boot's own properties, from the configuration metadata of every jar on the class path.
   */
  static List<Property> bootProperties() {
    var mapper = JsonMapper.builder().build();
    var properties = new ArrayList<Property>();
    try {
      for (var resource :
          new PathMatchingResourcePatternResolver()
              .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
        try (var in = resource.getInputStream()) {
          for (var property : mapper.readTree(in).path("properties")) {
            var type = property.path("type").asString("");
            properties.add(
                new Property(
                    property.path("name").asString(), type.startsWith("java.util.Map"), type));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static final Pattern MAP_OF_OBJECTS =
      Pattern.compile("^java\\.util\\.Map<[^,<>]+,\\s*(org\\.springframework\\.[\\w.$]+)>$");
  private static final Map<String, Set<String>> ENTRIES = new ConcurrentHashMap<>();

  /** The properties of a map's values when they are objects of Spring's, else none. */
  private static Set<String> entriesOf(String mapType) {
    return ENTRIES.computeIfAbsent(mapType, ServiceSettings::readEntries);
  }

  private static Set<String> readEntries(String mapType) {
    var m = MAP_OF_OBJECTS.matcher(mapType);
    if (!m.matches()) {
      return Set.of();
    }
    try {
      var type = Class.forName(m.group(1), false, ServiceSettings.class.getClassLoader());
      var names = new LinkedHashSet<String>();
      for (var descriptor : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
        names.add(kebab(descriptor.getName()));
      }
      return Set.copyOf(names);
    } catch (ClassNotFoundException | LinkageError | IntrospectionException e) {
      return Set.of(); // not loadable on this class path: any key below the map passes, as before
    }
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
   * A binder over what the running service would see: the given environment variables first, then
   * the service's own config file ({@code <service>.yml}), placeholders resolved.
   */
  static Binder binder(String service, Map<String, String> environment) {
    var sources = new MutablePropertySources();
    sources.addLast(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new HashMap<>(environment)));
    try {
      new YamlPropertySourceLoader()
          .load(service, new ClassPathResource(service + ".yml"))
          .forEach(sources::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Binder(
        ConfigurationPropertySources.from(sources),
        new PropertySourcesPlaceholdersResolver(sources),
        ApplicationConversionService.getSharedInstance());
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
