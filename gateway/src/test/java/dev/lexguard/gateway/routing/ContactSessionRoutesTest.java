package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A portal contact's token reaches exactly its own sessions and sign-ins in sessions-service (GET /sessions/mine,
 * GET and DELETE /sessions/{id}, POST /sessions/{id}/not-me, GET /sign-ins/mine) and nothing else of it; firm
 * users' tokens reach all of sessions-service as before.
 */
@QuarkusTest
class ContactSessionRoutesTest {

    private static final String SESSION = UUID.randomUUID().toString();
    private static final String PORTAL = Tokens.portal(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    private static ValidatableResponse call(String method, String path, String token) {
        return given().header("Authorization", "Bearer " + token).request(method, path).then();
    }

    @Test
    void aPortalTokenReachesTheContactsOwnSessionPaths() {
        for (List<String> request : List.of(List.of("GET", "/api/v1/sessions/mine"),
                List.of("GET", "/api/v1/sessions/mine?status=active"),
                List.of("GET", "/api/v1/sessions/" + SESSION), List.of("DELETE", "/api/v1/sessions/" + SESSION),
                List.of("POST", "/api/v1/sessions/" + SESSION + "/not-me"), List.of("GET", "/api/v1/sign-ins/mine"))) {
            call(request.get(0), request.get(1), PORTAL).statusCode(200).body("service", equalTo("sessions"))
                    .body("method", equalTo(request.get(0)));
            call(request.get(0), request.get(1), Tokens.user()).statusCode(200).body("service", equalTo("sessions"));
        }
    }

    @Test
    void aPortalTokenIsRefusedOnEverythingElseOfSessionsService() {
        for (List<String> request : List.of(List.of("GET", "/api/v1/sessions"), List.of("GET", "/api/v1/sessions/"),
                List.of("GET", "/api/v1/sessions/export"), List.of("GET", "/api/v1/sessions/policy"),
                List.of("PUT", "/api/v1/sessions/policy"), List.of("POST", "/api/v1/sessions/end-all"),
                List.of("POST", "/api/v1/sessions/mine/end-others"),
                List.of("POST", "/api/v1/sessions/users/" + SESSION + "/end"),
                List.of("GET", "/api/v1/sessions/not-a-session-id"), List.of("POST", "/api/v1/sessions/mine"),
                List.of("PUT", "/api/v1/sessions/" + SESSION), List.of("GET", "/api/v1/sessions/" + SESSION + "/not-me"),
                List.of("POST", "/api/v1/sessions/" + SESSION + "/not-me/again"), List.of("GET", "/api/v1/sign-ins"),
                List.of("GET", "/api/v1/sign-ins/" + SESSION))) {
            call(request.get(0), request.get(1), PORTAL).statusCode(401).contentType("application/problem+json");
            call(request.get(0), request.get(1), Tokens.user()).statusCode(200).body("service", equalTo("sessions"));
        }
    }

    @Test
    void aTokenForBothAudiencesIsRefusedOnTheContactPathsToo() {
        String both = Tokens.userWith(c -> c.putArray("aud").add(Tokens.API).add(Tokens.PORTAL));
        call("GET", "/api/v1/sessions/mine", both).statusCode(401);
        call("GET", "/api/v1/sign-ins/mine", Tokens.userWith(c -> c.put("aud", "someone-else"))).statusCode(401);
    }
}
