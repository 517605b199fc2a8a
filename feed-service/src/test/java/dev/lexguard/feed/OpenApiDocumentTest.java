package dev.lexguard.feed;

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
                    if (code.startsWith("2")) {
                        var types = responses.path(code).path("content").elements();
                        while (types.hasNext()) {
                            documentedSuccess |= !types.next().path("examples").isEmpty();
                        }
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
            });
        });
        assertThat(operations).containsExactlyInAnyOrder("GET /api/v1/feed", "GET /api/v1/feed/matters/{matterId}",
                "GET /api/v1/feed/objects/{objectType}/{objectId}", "GET /api/v1/feed/users/{userId}", "GET /api/v1/feed/stream",
                "GET /api/v1/feed/export/ndjson", "GET /api/v1/feed/export/csv", "GET /api/v1/feed/verify",
                "GET /api/v1/feed/retention", "PUT /api/v1/feed/retention", "POST /api/v1/feed/retention/purge");
        assertThat(problems).isEmpty();
    }
}
