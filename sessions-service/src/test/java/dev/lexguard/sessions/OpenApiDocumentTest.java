package dev.lexguard.sessions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every operation of the public API is documented with examples and problem responses. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    @Test
    void everyOperationHasAnExampleAndProblemResponses() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().asString());
        List<String> problems = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/v1/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!METHODS.contains(op.getKey())) {
                    return;
                }
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = op.getValue().path("responses");
                boolean documentedSuccess = false;
                var codes = responses.fieldNames();
                while (codes.hasNext()) {
                    String code = codes.next();
                    if (code.equals("204")) {
                        documentedSuccess = true;
                    } else if (code.startsWith("2")) {
                        JsonNode content = responses.path(code).path("content");
                        documentedSuccess = !content.path("application/json").path("examples").isEmpty()
                                || !content.path("text/csv").path("examples").isEmpty();
                    }
                }
                if (!documentedSuccess) {
                    problems.add(name + ": no success response with an example");
                }
                if (!responses.has("401") && !responses.has("default")) {
                    problems.add(name + ": no problem response");
                }
                JsonNode body = op.getValue().path("requestBody");
                if (!body.isMissingNode() && body.path("content").path("application/json").path("examples").isEmpty()) {
                    problems.add(name + ": request body without an example");
                }
                if (op.getValue().path("security").isEmpty()) {
                    problems.add(name + ": no bearer security requirement");
                }
                if (op.getValue().path("summary").asText().isBlank()) {
                    problems.add(name + ": no summary");
                }
            });
        });
        assertThat(operations).containsExactlyInAnyOrder("GET /api/v1/sessions", "GET /api/v1/sessions/export",
                "GET /api/v1/sessions/mine", "GET /api/v1/sessions/{id}", "DELETE /api/v1/sessions/{id}",
                "POST /api/v1/sessions/{id}/not-me", "POST /api/v1/sessions/mine/end-others",
                "POST /api/v1/sessions/users/{userId}/end", "POST /api/v1/sessions/end-all",
                "GET /api/v1/sessions/policy", "PUT /api/v1/sessions/policy", "GET /api/v1/sign-ins",
                "GET /api/v1/sign-ins/mine");
        assertThat(problems).isEmpty();
    }
}
