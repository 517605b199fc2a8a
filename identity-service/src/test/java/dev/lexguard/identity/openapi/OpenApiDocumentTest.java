package dev.lexguard.identity.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentTest {

    private static final List<String> OPERATIONS = List.of(
            "post /api/v1/firms", "get /api/v1/firms/{id}",
            "post /api/v1/users", "get /api/v1/users", "get /api/v1/users/{id}", "post /api/v1/users/{id}/deactivate", "post /api/v1/users/{id}/invitation",
            "get /api/v1/me", "post /api/v1/me/password",
            "get /api/v1/invitations/{token}", "post /api/v1/invitations/{token}",
            "post /api/v1/auth/login", "post /api/v1/auth/login/two-factor", "post /api/v1/auth/step-up", "post /api/v1/auth/refresh", "post /api/v1/auth/logout",
            "post /api/v1/auth/password-reset", "post /api/v1/auth/password-reset/complete",
            "post /internal/v1/mail-links/invitations/{invitationId}", "post /internal/v1/mail-links/password-resets/{resetId}",
            "get /api/v1/two-factor", "post /api/v1/two-factor/enrolment", "post /api/v1/two-factor/enrolment/confirm",
            "post /api/v1/two-factor/disable", "post /api/v1/two-factor/recovery-codes", "post /api/v1/two-factor/users/{userId}/reset",
            "get /api/v1/two-factor/users", "get /api/v1/two-factor/policy", "put /api/v1/two-factor/policy", "post /api/v1/two-factor/enrolment-token",
            "post /api/v1/two-factor/enrolment-token/confirm",
            "get /.well-known/jwks.json",
            "post /api/v1/devices", "get /api/v1/devices", "put /api/v1/devices/{id}/pin", "post /api/v1/devices/{id}/unlock",
            "post /api/v1/devices/{id}/sign-out", "get /api/v1/devices/policy", "put /api/v1/devices/policy",
            "put /api/v1/firms/keycloak", "get /api/v1/firms/keycloak", "delete /api/v1/firms/keycloak",
            "post /api/v1/firms/keycloak/reconciliation", "post /api/v1/auth/sso/start", "post /api/v1/auth/sso/callback");

    @Test
    void everyEndpointIsDocumentedWithASummaryAndExamples() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> found = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> found.add(op.getKey() + " " + path.getKey()));
        }
        assertThat(found).containsAll(OPERATIONS);
        for (String operation : OPERATIONS) {
            String[] parts = operation.split(" ", 2);
            JsonNode op = doc.path("paths").path(parts[1]).path(parts[0]);
            assertThat(op.path("summary").asText()).as(operation).isNotBlank();
            String text = op.toString();
            boolean withBody = (parts[0].equals("post") || parts[0].equals("put")) && op.has("requestBody");
            if (withBody) {
                assertThat(op.path("requestBody").toString()).as(operation + " request example").contains("\"examples\"");
            }
            if (operation.endsWith("/logout") || operation.endsWith("/sign-out")) {
                // no body either way: documented by its statuses
                assertThat(op.path("responses").has("204")).isTrue();
            } else {
                assertThat(text).as(operation + " has an example").contains("\"examples\"");
            }
        }
        assertThat(doc.path("paths").path("/api/v1/users").path("post").path("security").toString()).contains("bearerAuth");
    }
}
