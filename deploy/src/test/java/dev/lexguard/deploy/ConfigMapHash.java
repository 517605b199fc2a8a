package dev.lexguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name suffix kustomize gives a generated ConfigMap: the SHA-256 of {@code {"data":...,"kind":"ConfigMap",
 * "name":""}} as Go's {@code json.Marshal} writes it (keys sorted, HTML characters escaped), its first ten hex digits
 * with {@code 0 1 3 a e} written {@code g h k m t}. The name is empty: kustomize 5 looks it up as one field called
 * {@code metadata/name}, which no ConfigMap has (measured against kubectl 1.32's kustomize 5.5). A change of any value gives new pods a new name to read, so a
 * configuration change rolls the Deployments that use it.
 */
final class ConfigMapHash {

    private ConfigMapHash() {
    }

    /** Renames {@code configMap} to {@code name-<hash>} and every reference to it in {@code resources}. */
    static void rename(ObjectNode configMap, List<ObjectNode> resources, String marker) {
        ObjectNode metadata = (ObjectNode) configMap.get("metadata");
        ObjectNode annotations = (ObjectNode) metadata.get("annotations");
        annotations.remove(marker);
        if (annotations.isEmpty()) {
            metadata.remove("annotations");
        }
        String name = metadata.get("name").asText();
        String hashed = name + "-" + suffix(configMap.path("data"));
        metadata.put("name", hashed);
        String namespace = metadata.path("namespace").asText();
        resources.stream().filter(r -> namespace.equals(r.path("metadata").path("namespace").asText()))
                .forEach(r -> renameReferences(r, name, hashed));
    }

    static String suffix(JsonNode data) {
        Map<String, String> sorted = new TreeMap<>();
        data.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        StringBuilder json = new StringBuilder("{\"data\":{");
        sorted.forEach((key, value) -> json.append(quote(key)).append(':').append(quote(value)).append(','));
        if (!sorted.isEmpty()) {
            json.setLength(json.length() - 1);
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        char[] digits = HexFormat.of().formatHex(sha256(json.toString())).substring(0, 10).toCharArray();
        for (int i = 0; i < digits.length; i++) {
            digits[i] = switch (digits[i]) {
                case '0' -> 'g';
                case '1' -> 'h';
                case '3' -> 'k';
                case 'a' -> 'm';
                case 'e' -> 't';
                default -> digits[i];
            };
        }
        return new String(digits);
    }

    /** A JSON string as Go's encoder writes it. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** configMapKeyRef, configMapRef (envFrom) and configMap volumes (also projected) that name the ConfigMap. */
    private static void renameReferences(JsonNode node, String name, String hashed) {
        if (node.isObject()) {
            for (String field : List.of("configMapKeyRef", "configMapRef", "configMap")) {
                JsonNode reference = node.get(field);
                if (reference != null && reference.isObject() && name.equals(reference.path("name").asText())) {
                    ((ObjectNode) reference).put("name", hashed);
                }
            }
        }
        node.forEach(child -> renameReferences(child, name, hashed));
    }
}
