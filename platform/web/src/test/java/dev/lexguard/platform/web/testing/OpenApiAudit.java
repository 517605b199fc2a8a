package dev.lexguard.platform.web.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the services' OpenAPI tests check of each {@code /api/v1/} operation of a document ({@code /q/openapi}): a
 * success response with an example (or 204), a problem response, an example for a JSON request body, the bearer
 * security requirement, an {@code operationId} no other operation of the document has and, when asked, a summary. Each test asserts on the report with its own expectations.
 */
public final class OpenApiAudit {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    /** The operations seen ({@code "GET /api/v1/..."}) and what is missing, one line per gap. */
    public record Report(List<String> operations, List<String> problems) {
    }

    private OpenApiAudit() {
    }

    public static Report of(JsonNode document, boolean requireSummary) {
        List<String> operations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/v1/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                operations.add(name);
                JsonNode operation = op.getValue();
                JsonNode responses = operation.path("responses");
                if (!documentedSuccess(responses)) {
                    problems.add(name + ": no success response with an example");
                }
                if (!responses.has("401") && !responses.has("default")) {
                    problems.add(name + ": no problem response");
                }
                JsonNode body = operation.path("requestBody");
                if (!body.isMissingNode() && body.path("content").path("application/json").path("examples").isEmpty()) {
                    problems.add(name + ": request body without an example");
                }
                if (operation.path("security").isEmpty()) {
                    problems.add(name + ": no bearer security requirement");
                }
                String id = operation.path("operationId").asText("");
                if (id.isBlank()) {
                    problems.add(name + ": no operationId");
                } else if (!ids.add(id)) {
                    problems.add(name + ": operationId " + id + " used twice");
                }
                if (requireSummary && operation.path("summary").asText().isBlank()) {
                    problems.add(name + ": no summary");
                }
            });
        });
        return new Report(operations, problems);
    }

    /** A 204, or a 2xx whose content (JSON, CSV, NDJSON, an event stream) carries an example. */
    private static boolean documentedSuccess(JsonNode responses) {
        Iterator<String> codes = responses.fieldNames();
        while (codes.hasNext()) {
            String code = codes.next();
            if (code.equals("204")) {
                return true;
            }
            if (code.startsWith("2")) {
                Iterator<JsonNode> types = responses.path(code).path("content").elements();
                while (types.hasNext()) {
                    if (!types.next().path("examples").isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
