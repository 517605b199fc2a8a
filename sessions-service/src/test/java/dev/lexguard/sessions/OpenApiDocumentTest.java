package dev.lexguard.sessions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.web.testing.OpenApiAudit;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the public API is documented with examples and problem responses. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void everyOperationHasAnExampleAndProblemResponses() throws Exception {
        OpenApiAudit.Report report = OpenApiAudit.of(new ObjectMapper().readTree(given().queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString()), true);
        assertThat(report.operations()).containsExactlyInAnyOrder("GET /api/v1/sessions", "GET /api/v1/sessions/export",
                "GET /api/v1/sessions/mine", "GET /api/v1/sessions/{id}", "DELETE /api/v1/sessions/{id}",
                "POST /api/v1/sessions/{id}/not-me", "POST /api/v1/sessions/mine/end-others",
                "POST /api/v1/sessions/users/{userId}/end", "POST /api/v1/sessions/end-all",
                "GET /api/v1/sessions/policy", "PUT /api/v1/sessions/policy", "GET /api/v1/sign-ins",
                "GET /api/v1/sign-ins/mine");
        assertThat(report.problems()).isEmpty();
    }
}
