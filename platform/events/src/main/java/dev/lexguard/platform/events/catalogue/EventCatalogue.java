package dev.lexguard.platform.events.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every event type LexGuard knows, discovered from the classpath. Each jar (or test-classes directory)
 * that contributes types has {@value #INDEX}, listing one schema file per line; the schema file is
 * {@code META-INF/lexguard/events/<type>.schema.json} and its {@code $id} is
 * {@code https://schemas.lexguard.dev/events/<type>/<major>.<minor>.json}.
 */
public final class EventCatalogue {

    public static final String DIRECTORY = "META-INF/lexguard/events/";
    public static final String INDEX = DIRECTORY + "catalogue.list";
    public static final String SCHEMA_SUFFIX = ".schema.json";
    public static final String SCHEMA_ID_PREFIX = "https://schemas.lexguard.dev/events/";
    public static final Pattern TYPE_NAME = Pattern.compile("^dev\\.lexguard\\.[a-z][a-z0-9]*(\\.[a-z][a-zA-Z0-9]*){2,}$");
    private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.[0-9]+\\.json$");

    private final Map<String, EventType> types;

    private EventCatalogue(Map<String, EventType> types) {
        this.types = Collections.unmodifiableMap(types);
    }

    public static EventCatalogue fromClasspath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromClasspath(loader != null ? loader : EventCatalogue.class.getClassLoader());
    }

    public static EventCatalogue fromClasspath(ClassLoader loader) {
        Map<String, EventType> types = new TreeMap<>();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                for (String file : readIndex(indexes.nextElement())) {
                    EventType type = load(loader, file);
                    EventType previous = types.putIfAbsent(type.name(), type);
                    if (previous != null && !previous.schemaNode().equals(type.schemaNode())) {
                        throw new IllegalStateException("event type " + type.name() + " has two different schemas on the classpath");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event catalogue", e);
        }
        return new EventCatalogue(types);
    }

    public Optional<EventType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    public Collection<EventType> types() {
        return types.values();
    }

    private static List<String> readIndex(URL index) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }

    private static EventType load(ClassLoader loader, String file) {
        if (!file.endsWith(SCHEMA_SUFFIX)) {
            throw new IllegalStateException(INDEX + " lists " + file + ", which is not a *" + SCHEMA_SUFFIX + " file");
        }
        String name = file.substring(0, file.length() - SCHEMA_SUFFIX.length());
        if (!TYPE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("event type " + name + " is not named dev.lexguard.<service>.<noun>.<verb>");
        }
        String resource = DIRECTORY + file;
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException(INDEX + " lists " + file + " but " + resource + " is not on the classpath");
        }
        JsonNode schemaNode = JsonSchemas.read(url);
        String id = schemaNode.path("$id").asText("");
        String expectedPrefix = SCHEMA_ID_PREFIX + name + "/";
        if (!id.startsWith(expectedPrefix) || !VERSION.matcher(id.substring(expectedPrefix.length())).matches()) {
            throw new IllegalStateException(resource + ": $id must be " + expectedPrefix + "<major>.<minor>.json, was '" + id + "'");
        }
        return new EventType(name, URI.create(id), resource, schemaNode, JsonSchemas.compile(schemaNode),
                JsonSchemas.compile(JsonSchemas.strict(schemaNode)));
    }
}
