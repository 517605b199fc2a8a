package dev.lexguard.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service module's own configuration says: its HTTP port, the environment variables it reads, and the
 * Kafka topics it produces to and consumes from. Read from the module's application.properties plus the defaults
 * every service gets from platform/web and platform/events, exactly the files Quarkus reads.
 */
record ServiceModule(String name, Map<String, String> properties, Set<String> environmentReferences, Set<String> localDefaults,
        Set<String> ownProperties) {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    /** {@code ${NAME}} or {@code ${NAME:default}}: the default up to the closing brace. */
    private static final Pattern ENV_WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([a-z][a-z0-9.-]*)}");
    private static final List<Path> PLATFORM_DEFAULTS = List.of(
            Path.of("platform/web/src/main/resources/META-INF/microprofile-config.properties"),
            Path.of("platform/events/src/main/resources/META-INF/microprofile-config.properties"));
    /** Quarkus's own variables a deployment may set that no properties file names. */
    /**
     * The project's own example web apps: a default naming them (the origins CORS admits, the page Keycloak returns
     * to) is never right for a firm's deployment, whose pages are on its own host. (The token issuer's default names
     * the project too, but it is only a name all services agree on, never dialled.)
     */
    private static final List<String> PROJECT_WEB_APPS = List.of("app.lexguard.dev", "portal.lexguard.dev");
    private static final Set<String> QUARKUS_BUILT_IN = Set.of("QUARKUS_CONFIG_LOCATIONS", "QUARKUS_PROFILE");

    /** Every module of the root POM that is a Quarkus service (it has an application.properties). */
    static List<ServiceModule> all() {
        try {
            List<ServiceModule> modules = new ArrayList<>();
            for (Path module : modules()) {
                Path properties = ROOT.resolve(module).resolve("src/main/resources/application.properties");
                if (Files.isRegularFile(properties)) {
                    modules.add(load(module.getFileName().toString(), properties));
                }
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every module of the root POM (services, the platform libraries, deploy itself), relative to the root. */
    static List<Path> modules() {
        try {
            List<Path> modules = new ArrayList<>();
            Matcher matcher = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
            while (matcher.find()) {
                modules.add(Path.of(matcher.group(1)));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServiceModule load(String name, Path applicationProperties) throws IOException {
        Map<String, String> merged = new LinkedHashMap<>();
        Set<String> references = new TreeSet<>();
        Set<String> local = new TreeSet<>();
        Set<String> own = new TreeSet<>();
        List<Path> files = new ArrayList<>(PLATFORM_DEFAULTS.stream().map(ROOT::resolve).toList());
        files.add(applicationProperties);
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher matcher = ENV_REFERENCE.matcher(text);
            while (matcher.find()) {
                references.add(matcher.group(1));
            }
            Matcher defaults = ENV_WITH_DEFAULT.matcher(text);
            while (defaults.find()) {
                String fallback = defaults.group(2);
                if (fallback == null || fallback.contains("127.0.0.1") || fallback.contains("localhost")
                        || PROJECT_WEB_APPS.stream().anyMatch(fallback::contains)) {
                    local.add(defaults.group(1));
                }
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(key -> merged.put(key, properties.getProperty(key)));
            if (file.equals(applicationProperties)) {
                own.addAll(properties.stringPropertyNames());
            }
        }
        return new ServiceModule(name, Map.copyOf(merged), Set.copyOf(references), Set.copyOf(local), Set.copyOf(own));
    }

    int httpPort() {
        return Integer.parseInt(properties.get("quarkus.http.port"));
    }

    /** Whether production serves health and metrics on Quarkus's management interface (a port of its own). */
    boolean managementInterface() {
        return "true".equals(properties.get("%prod.quarkus.management.enabled"))
                || "true".equals(properties.get("quarkus.management.enabled"));
    }

    int managementPort() {
        return Integer.parseInt(properties.getOrDefault("quarkus.management.port", "9000"));
    }

    /** Where Quarkus serves Prometheus's format: under the management interface's root or the non-application root. */
    String metricsPath() {
        String metrics = properties.getOrDefault("quarkus.micrometer.export.prometheus.path", "metrics");
        if (managementInterface()) {
            return properties.getOrDefault("quarkus.management.root-path", "/q") + "/" + metrics;
        }
        String nonApplication = properties.getOrDefault("quarkus.http.non-application-root-path", "q");
        String root = properties.getOrDefault("quarkus.http.root-path", "/");
        return (nonApplication.startsWith("/") ? nonApplication : root.replaceAll("/$", "") + "/" + nonApplication) + "/" + metrics;
    }

    /** Whether the service has a PostgreSQL database of its own (its datasource's URL is the deployment's to set). */
    boolean usesDatabase() {
        return environmentReferences.contains("LEXGUARD_DB_REACTIVE_URL");
    }

    /**
     * The variables a deployment must set: those without a default, those whose default points at this machine
     * (127.0.0.1: the devstack's ports, a laptop's services) and those whose default names the project's example web
     * apps rather than the deployment's pages (the browser origins CORS admits, the SSO page Keycloak returns to).
     * Tunables with sensible defaults may stay unset.
     */
    Set<String> requiredVariables() {
        if (usesKafka()) {
            return localDefaults;
        }
        return localDefaults.stream().filter(variable -> !variable.startsWith("LEXGUARD_KAFKA_"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Whether the module talks to Kafka: its own configuration names an event topic of its own, a channel or the
     * broker. The console does none of these (lexguard-events' Kafka defaults are on its classpath but no Kafka client
     * is), so it needs no Kafka principal, credentials or network path.
     */
    boolean usesKafka() {
        return ownProperties.stream().anyMatch(key -> key.startsWith("kafka.") || key.startsWith("mp.messaging.")
                || key.equals("lexguard.events.service"));
    }

    /**
     * Whether setting this environment variable changes the service's configuration: it is referenced as
     * {@code ${NAME}}, or it is the environment form (MicroProfile Config rules) of a property the service has.
     */
    boolean reads(String variable) {
        if (environmentReferences.contains(variable) || QUARKUS_BUILT_IN.contains(variable)) {
            return true;
        }
        return properties.keySet().stream().map(ServiceModule::withoutProfile).map(ServiceModule::environmentForm)
                .anyMatch(variable::equals);
    }

    /** Topics the service consumes (its incoming channels). */
    Set<String> consumedTopics() {
        Set<String> topics = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.") && (key.endsWith(".topic") || key.endsWith(".topics"))) {
                for (String topic : resolve(value).split(",")) {
                    topics.add(topic.trim());
                }
            }
        });
        return topics;
    }

    /** Topics the service writes: its outbox topic and any outgoing channel. */
    Set<String> producedTopics() {
        Set<String> topics = new TreeSet<>();
        if (properties.containsKey("lexguard.events.service")) {
            topics.add("lexguard." + properties.get("lexguard.events.service") + ".events");
        }
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                topics.add(resolve(value).trim());
            }
        });
        return topics;
    }

    /**
     * Topics the service itself writes to with its own Kafka credentials: its outbox topic (unless its relay is
     * switched off, as feed-service's is), any outgoing channel and its dead-letter topic.
     */
    Set<String> writtenTopics() {
        Set<String> topics = new TreeSet<>(producedTopics());
        if ("false".equals(properties.get("lexguard.events.relay.enabled")) && properties.containsKey("lexguard.events.service")) {
            topics.remove("lexguard." + properties.get("lexguard.events.service") + ".events");
        }
        topics.addAll(deadLetterTopics());
        return topics;
    }

    /** The consumer groups of its incoming channels, an environment variable's default standing for the variable. */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                Matcher env = ENV_WITH_DEFAULT.matcher(value);
                groups.add(env.matches() && env.group(2) != null ? env.group(2) : resolve(value));
            }
        });
        return groups;
    }

    /** A consuming service sends the records it cannot accept to {@code lexguard.<service>.dlq}. */
    Set<String> deadLetterTopics() {
        return consumedTopics().isEmpty() || !properties.containsKey("lexguard.events.service")
                ? Set.of()
                : Set.of("lexguard." + properties.get("lexguard.events.service") + ".dlq");
    }

    /** Expands {@code ${property}} references to this service's properties (as SmallRye Config does). */
    String resolve(String value) {
        String resolved = value;
        for (int depth = 0; depth < 10; depth++) {
            Matcher matcher = PROPERTY_REFERENCE.matcher(resolved);
            if (!matcher.find()) {
                return resolved;
            }
            String replacement = properties.getOrDefault(matcher.group(1), "");
            resolved = resolved.substring(0, matcher.start()) + replacement + resolved.substring(matcher.end());
        }
        throw new IllegalStateException("property references nest too deep in " + value);
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static String environmentForm(String property) {
        StringBuilder env = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            env.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return env.toString();
    }
}
