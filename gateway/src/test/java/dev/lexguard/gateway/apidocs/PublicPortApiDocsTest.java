package dev.lexguard.gateway.apidocs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway as it is packaged: with the management interface on (health and metrics on their own port), Swagger UI
 * and the merged document are still where the README says, on the public port. Before, the packaged gateway answered
 * {@code /api-docs} with 404: Swagger UI had followed the OpenAPI endpoint onto the management port, where it then
 * could not load {@code /api-docs/openapi.json}.
 */
@QuarkusTest
@TestProfile(PublicPortApiDocsTest.AsPackaged.class)
class PublicPortApiDocsTest {

    /** The management interface is a build-time choice: this profile builds the gateway with it, as the jar is. */
    public static class AsPackaged implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.enabled", "true", "quarkus.management.test-port", "0");
        }
    }

    @Test
    void swaggerUiAndTheMergedDocumentAreOnThePublicPort() {
        given().get("/api-docs/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/api-docs/index.html").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/api-docs/openapi.json").then().statusCode(200).body("info.title", equalTo("LexGuard API"));
    }

    @Test
    void healthIsNotOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404);
    }
}
