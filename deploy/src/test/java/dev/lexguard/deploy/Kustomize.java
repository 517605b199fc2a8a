package dev.lexguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features our manifests use:
 * {@code resources} (files and kustomization directories), {@code patches} (RFC 6902 JSON patches, inline or from a
 * file, with a kind/name target), {@code replicas}, {@code images} ({@code newTag}, {@code newName}), {@code labels}
 * (metadata only), {@code namespace} and {@code configMapGenerator} ({@code envs} files, {@code options.labels}; the
 * name's hash suffix computed as kustomize does, after every overlay's patches, and the references to it renamed). Any
 * other field fails the rendering, so a manifest change that needs more than this cannot pass unchecked. When kubectl
 * is installed, {@code KubernetesManifestsTest} also compares the two.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "replicas", "images",
            "labels", "namespace", "configMapGenerator");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "envs", "options");
    /** Marks a generated ConfigMap whose name takes its hash once the whole build is done (kustomize's own marker). */
    private static final String NEEDS_HASH = "internal.config.kubernetes.io/needsHashAnnotation";
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "IngressClass");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path directory) {
        List<ObjectNode> resources = build(directory);
        resources.stream().filter(r -> r.path("metadata").path("annotations").has(NEEDS_HASH)).toList()
                .forEach(generated -> ConfigMapHash.rename(generated, resources, NEEDS_HASH));
        return resources;
    }

    private static List<ObjectNode> build(Path directory) {
        JsonNode kustomization = readAll(directory.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field + "' is not supported by this renderer");
            }
        });
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = directory.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(path) ? build(path) : readAll(path));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            resources.add(generate(directory, generator));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            ArrayNode operations = (ArrayNode) parse(patch.has("path")
                    ? read(directory.resolve(patch.get("path").asText()))
                    : patch.get("patch").asText());
            JsonNode target = patch.get("target");
            List<ObjectNode> matched = resources.stream().filter(r -> matches(r, target)).toList();
            if (matched.isEmpty()) {
                throw new IllegalArgumentException(directory + ": a patch matches no resource: " + target);
            }
            matched.forEach(r -> JsonPatch.apply(r, operations));
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            resources.stream().filter(r -> r.path("metadata").path("name").asText().equals(replicas.get("name").asText()))
                    .filter(r -> Set.of("Deployment", "StatefulSet").contains(r.path("kind").asText()))
                    .forEach(r -> ((ObjectNode) r.get("spec")).put("replicas", replicas.get("count").asInt()));
        }
        for (JsonNode image : kustomization.path("images")) {
            resources.forEach(r -> retag(r.path("spec").path("template").path("spec").path("containers"), image));
        }
        for (JsonNode label : kustomization.path("labels")) {
            if (label.path("includeSelectors").asBoolean() || label.path("includeTemplates").asBoolean()) {
                throw new IllegalArgumentException(directory + ": labels with includeSelectors/includeTemplates are not supported");
            }
            resources.forEach(r -> {
                ObjectNode metadata = r.with("metadata");
                ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
                label.get("pairs").fields().forEachRemaining(pair -> labels.set(pair.getKey(), pair.getValue()));
            });
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            resources.stream().filter(r -> !CLUSTER_SCOPED.contains(r.path("kind").asText()))
                    .forEach(r -> r.with("metadata").put("namespace", namespace));
        }
        return resources;
    }

    private static ObjectNode generate(Path directory, JsonNode generator) {
        generator.fieldNames().forEachRemaining(field -> {
            if (!GENERATOR_FIELDS.contains(field)) {
                throw new IllegalArgumentException(directory + ": configMapGenerator field '" + field + "' is not supported by this renderer");
            }
        });
        ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata").put("name", generator.get("name").asText());
        JsonNode options = generator.path("options");
        if (options.has("labels")) {
            metadata.set("labels", options.get("labels").deepCopy());
        }
        if (!options.path("disableNameSuffixHash").asBoolean()) {
            metadata.putObject("annotations").put(NEEDS_HASH, "");
        }
        ObjectNode data = configMap.putObject("data");
        for (JsonNode envs : generator.path("envs")) {
            // kustomize's env file: KEY=VALUE per line, the value as written (no quotes removed), # comments, blank lines
            for (String line : read(directory.resolve(envs.asText())).split("\n")) {
                String trimmed = line.stripLeading();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException(directory + ": not KEY=VALUE in " + envs.asText() + ": " + line);
                }
                data.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return configMap;
    }

    static List<ObjectNode> readAll(Path file) {
        return parseAll(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    static List<ObjectNode> parseAll(String yaml) {
        try {
            List<ObjectNode> documents = new ArrayList<>();
            Iterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(yaml);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject()) {
                    documents.add((ObjectNode) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean matches(JsonNode resource, JsonNode target) {
        return target != null
                && (!target.has("kind") || target.get("kind").asText().equals(resource.path("kind").asText()))
                && (!target.has("name") || target.get("name").asText().equals(resource.path("metadata").path("name").asText()));
    }

    private static void retag(JsonNode containers, JsonNode image) {
        for (JsonNode container : containers) {
            String current = container.path("image").asText();
            int colon = current.lastIndexOf(':');
            String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
            String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
            if (name.equals(image.get("name").asText())) {
                String newName = image.has("newName") ? image.get("newName").asText() : name;
                String newTag = image.has("newTag") ? image.get("newTag").asText() : tag;
                ((ObjectNode) container).put("image", newName + ":" + newTag);
            }
        }
    }
}
