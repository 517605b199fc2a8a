package dev.lexguard.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Whether a Kubernetes label selector ({@code matchLabels} and {@code matchExpressions} with In, NotIn, Exists,
 * DoesNotExist) selects an object with the given labels, as the API server decides it. An empty selector selects all.
 */
final class LabelSelector {

    private LabelSelector() {
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        Iterator<Map.Entry<String, JsonNode>> required = selector.path("matchLabels").fields();
        while (required.hasNext()) {
            Map.Entry<String, JsonNode> label = required.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean present = labels.has(key);
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> present && values.contains(labels.path(key).asText());
                case "NotIn" -> !present || !values.contains(labels.path(key).asText());
                case "Exists" -> present;
                case "DoesNotExist" -> !present;
                default -> throw new IllegalArgumentException("selector operator " + expression.path("operator").asText());
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
