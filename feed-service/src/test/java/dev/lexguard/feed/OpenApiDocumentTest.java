package dev.lexguard.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.web.testing.OpenApiAudit;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every operation of the public API is documented with examples and problem responses. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void everyOperationHasAnExampleAndProblemResponses() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString());
        OpenApiAudit.Report report = OpenApiAudit.of(document, false);
        assertThat(report.operations()).containsExactlyInAnyOrder("GET /api/v1/feed", "GET /api/v1/feed/matters/{matterId}",
                "GET /api/v1/feed/objects/{objectType}/{objectId}", "GET /api/v1/feed/users/{userId}", "GET /api/v1/feed/stream",
                "GET /api/v1/feed/export/ndjson", "GET /api/v1/feed/export/csv", "GET /api/v1/feed/verify",
                "GET /api/v1/feed/retention", "PUT /api/v1/feed/retention", "POST /api/v1/feed/retention/purge",
                "GET /api/v1/feed/entries/{entryId}", "GET /api/v1/feed/reviews/settings", "PUT /api/v1/feed/reviews/settings",
                "GET /api/v1/feed/reviews/due", "POST /api/v1/feed/reviews", "GET /api/v1/feed/reviews",
                "GET /api/v1/feed/reviews/{reviewId}", "GET /api/v1/feed/reviews/{reviewId}/evidence");
        assertThat(report.problems()).isEmpty();
        // an export's range is required (a 400 without it); the feed's own from and to are not
        for (String export : new String[] {"/api/v1/feed/export/ndjson", "/api/v1/feed/export/csv"}) {
            assertThat(required(document, export)).as(export).containsEntry("from", true).containsEntry("to", true);
        }
        assertThat(required(document, "/api/v1/feed")).containsEntry("from", false).containsEntry("to", false);
    }

    private static Map<String, Boolean> required(JsonNode document, String path) {
        Map<String, Boolean> required = new HashMap<>();
        document.path("paths").path(path).path("get").path("parameters").forEach(parameter -> {
            if ("query".equals(parameter.path("in").asText())) {
                required.put(parameter.path("name").asText(), parameter.path("required").asBoolean(false));
            }
        });
        return required;
    }
}
