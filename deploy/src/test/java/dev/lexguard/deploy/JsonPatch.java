package dev.lexguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 {@code add}, {@code replace} and {@code remove}, which is what our overlays use. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode document, ArrayNode operations) {
        for (JsonNode operation : operations) {
            String op = operation.get("op").asText();
            String[] tokens = operation.get("path").asText().substring(1).split("/", -1);
            JsonNode parent = document;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = child(parent, unescape(tokens[i]));
                if (parent == null || parent.isMissingNode()) {
                    throw new IllegalArgumentException("path " + operation.get("path").asText() + " does not exist");
                }
            }
            String last = unescape(tokens[tokens.length - 1]);
            JsonNode value = operation.get("value");
            switch (op) {
                case "add" -> add(parent, last, value);
                case "replace" -> {
                    if (child(parent, last) == null || child(parent, last).isMissingNode()) {
                        throw new IllegalArgumentException("replace of a missing member " + operation.get("path").asText());
                    }
                    set(parent, last, value);
                }
                case "remove" -> {
                    if (parent instanceof ArrayNode array) {
                        array.remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                default -> throw new IllegalArgumentException("JSON patch operation '" + op + "' is not supported");
            }
        }
    }

    private static JsonNode child(JsonNode parent, String token) {
        return parent.isArray() ? parent.get(Integer.parseInt(token)) : parent.get(token);
    }

    private static void add(JsonNode parent, String token, JsonNode value) {
        if (parent instanceof ArrayNode array) {
            if ("-".equals(token)) {
                array.add(value.deepCopy());
            } else {
                array.insert(Integer.parseInt(token), value.deepCopy());
            }
        } else {
            ((ObjectNode) parent).set(token, value.deepCopy());
        }
    }

    private static void set(JsonNode parent, String token, JsonNode value) {
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(token), value.deepCopy());
        } else {
            ((ObjectNode) parent).set(token, value.deepCopy());
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
