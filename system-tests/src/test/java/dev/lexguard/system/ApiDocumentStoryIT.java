package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story (issue 22): a frontend team opens the API where the README says, on the gateway's public port, and generates
 * a client from the merged document: every operation has a unique id and says whether it needs a token, and what it
 * says is what the gateway does; every reference resolves (no service's component is dropped for another's of the
 * same name). The packaged gateway runs here, management interface and all.
 */
@ExtendWith(TheSystem.class)
class ApiDocumentStoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void theMergedDocumentIsOneAGeneratorCanUseAndTellsTheTruthAboutTokens() throws Exception {
        TheSystem.gateway().get("/api-docs/").then().statusCode(200).contentType(containsString("text/html"));
        JsonNode doc = JSON.readTree(TheSystem.gateway().get("/api-docs/openapi.json").then().statusCode(200)
                .extract().asString());
        assertThat(doc.has("x-lexguard-unavailable")).as("every service answered").isFalse();

        Map<String, String> ids = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        Set<String> publicOperations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText("");
                assertThat(id).as(name + " has an operationId").isNotBlank();
                String earlier = ids.put(id, name);
                if (earlier != null) {
                    duplicates.add(id + ": " + earlier + " and " + name);
                }
                if (!op.getValue().has("security")) {
                    undeclared.add(name);
                } else if (op.getValue().path("security").isEmpty()) {
                    publicOperations.add(name);
                }
            }
        }
        assertThat(ids).as("operations").hasSizeGreaterThan(100);
        assertThat(duplicates).as("operationIds used twice").isEmpty();
        assertThat(undeclared).as("operations that do not say whether they need a token").isEmpty();
        assertThat(publicOperations).contains("POST /api/v1/auth/login", "POST /api/v1/firms", "GET /.well-known/jwks.json")
                .doesNotContain("GET /api/v1/users", "GET /api/v1/feed", "GET /api/v1/shares");
        // what the document calls protected, the gateway protects: a GET of each without a token is a 401
        for (String id : ids.keySet()) {
            String name = ids.get(id);
            if (name.startsWith("GET ") && !publicOperations.contains(name)) {
                String path = name.substring(4).replaceAll("\\{[^}]+}", "00000000-0000-4000-8000-000000000000");
                assertThat(TheSystem.gateway().get(path).statusCode()).as(name + " without a token").isEqualTo(401);
            }
        }

        Set<String> references = new TreeSet<>();
        collectReferences(doc, references);
        Set<String> missing = new TreeSet<>();
        for (String reference : references) {
            if (!reference.startsWith("#/components/schemas/")
                    || !doc.path("components").path("schemas").has(reference.substring("#/components/schemas/".length()))) {
                missing.add(reference);
            }
        }
        assertThat(references).as("references in the document").isNotEmpty();
        // sessions-service and sharing-service each have a PolicyRequest of their own: sessions' (first by name) keeps
        // the name, sharing's is SharingPolicyRequest, and each policy PUT names its own service's
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(requestSchema(doc, "/api/v1/sessions/policy")).isEqualTo("#/components/schemas/PolicyRequest");
        assertThat(requestSchema(doc, "/api/v1/shares/policy")).isEqualTo("#/components/schemas/SharingPolicyRequest");
        assertThat(schemas.path("SharingPolicyRequest").path("properties").has("revokeOnMatterClose")).isTrue();
        assertThat(schemas.path("PolicyRequest").path("properties").has("contacts")).isTrue();
        assertThat(missing).as("references that resolve to nothing").isEmpty();
    }

    private static String requestSchema(JsonNode doc, String path) {
        return doc.path("paths").path(path).path("put").path("requestBody").path("content").path("application/json")
                .path("schema").path("$ref").asText();
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                into.add(ref.asText());
            }
            node.forEach(child -> collectReferences(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectReferences(child, into));
        }
    }
}
