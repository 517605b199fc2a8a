package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing by the first path segment, public routes, and the headers the gateway sets, keeps and strips. */
@QuarkusTest
class RoutingResourceTest {

    @Test
    void everySegmentOfTheRoutingTableReachesItsService() {
        String token = Tokens.user();
        for (Map.Entry<String, String> route : RouteTable.owners().entrySet()) {
            if (route.getValue().equals("feed") || route.getKey().equals("portal")) {
                continue;
            }
            given().header("Authorization", "Bearer " + token).get("/api/v1/" + route.getKey() + "/x?limit=5")
                    .then().statusCode(200)
                    .body("service", equalTo(route.getValue()))
                    .body("uri", equalTo("/api/v1/" + route.getKey() + "/x?limit=5"));
        }
    }

    @Test
    void unknownSegmentIsA404Problem() {
        given().header("Authorization", "Bearer " + Tokens.user()).get("/api/v1/nothing-here/1").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/not-found"));
        given().get("/internal/v1/mail-links/invitations/1").then().statusCode(404);
    }

    @Test
    void publicRoutesNeedNoToken() {
        given().header("X-Forwarded-For", "198.51.100.1").contentType("application/json").body("{}")
                .post("/api/v1/auth/login").then().statusCode(200).body("service", equalTo("identity"))
                .body("method", equalTo("POST"));
        given().header("X-Forwarded-For", "198.51.100.1").contentType("application/json").body("{}")
                .post("/api/v1/firms").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.1").get("/api/v1/invitations/abc").then().statusCode(200);
        given().header("X-Forwarded-For", "198.51.100.1").contentType("application/json").body("{}")
                .post("/api/v1/portal-auth/sign-in").then().statusCode(200).body("service", equalTo("identity"));
        given().header("X-Forwarded-For", "198.51.100.1").header("X-Device-Credential", "cred")
                .contentType("application/json").body("{\"pin\":\"1234\"}")
                .post("/api/v1/devices/5a1c/unlock").then().statusCode(200).header("Cache-Control", "no-store")
                .body("headers.x-device-credential[0]", equalTo("cred"));
        // another client address: the public routes' per-IP limit is small in tests
        given().header("X-Forwarded-For", "198.51.100.2").contentType("application/json").body("{}")
                .post("/api/v1/auth/sso/start").then().statusCode(200).body("service", equalTo("identity"));
        given().header("X-Forwarded-For", "198.51.100.2").contentType("application/json").body("{}")
                .post("/api/v1/auth/sso/callback").then().statusCode(200).body("service", equalTo("identity"));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys.kid", hasItem("test-a"));
    }

    @Test
    void phoneApprovalRoutesNeedNoTokenAndTheRestOfDevicesStillDoes() {
        // the web page after the password, and the app as its device (credential header, signatures checked by identity)
        List<Map.Entry<String, String>> routes = List.of(Map.entry("POST", "/api/v1/auth/login/approval"),
                Map.entry("POST", "/api/v1/auth/login/approval/complete"),
                Map.entry("POST", "/api/v1/devices/5a1c/approval-key/challenge"),
                Map.entry("PUT", "/api/v1/devices/5a1c/approval-key"),
                Map.entry("DELETE", "/api/v1/devices/5a1c/approval-key"),
                Map.entry("GET", "/api/v1/devices/5a1c/approvals"),
                Map.entry("POST", "/api/v1/devices/5a1c/approvals/7d2e"));
        for (int i = 0; i < routes.size(); i++) {
            given().header("X-Forwarded-For", "198.51.100." + (61 + i)).header("X-Device-Credential", "cred")
                    .contentType("application/json").body("{}")
                    .request(routes.get(i).getKey(), routes.get(i).getValue()).then().statusCode(200)
                    .body("service", equalTo("identity")).body("method", equalTo(routes.get(i).getKey()))
                    .body("headers.x-device-credential[0]", equalTo("cred"));
        }
        // only those: the device list, a PIN change and another method on the approval paths still need a token
        given().header("X-Forwarded-For", "198.51.100.70").get("/api/v1/devices").then().statusCode(401);
        given().header("X-Forwarded-For", "198.51.100.71").contentType("application/json").body("{}")
                .put("/api/v1/devices/5a1c/pin").then().statusCode(401);
        given().header("X-Forwarded-For", "198.51.100.72").delete("/api/v1/devices/5a1c/approvals").then()
                .statusCode(401);
    }

    @Test
    void aContactsPasswordResetAndEnrolmentTokenRoutesNeedNoToken() {
        // a contact who said "not me" has no session left: resetting and enrolling again must be reachable without one
        List<String> paths = List.of("/api/v1/portal-auth/password-resets", "/api/v1/portal-auth/password-resets/complete",
                "/api/v1/portal-auth/two-factor/enrolment-token", "/api/v1/portal-auth/two-factor/enrolment-token/confirm");
        for (int i = 0; i < paths.size(); i++) {
            given().header("X-Forwarded-For", "198.51.100." + (31 + i)).contentType("application/json").body("{}")
                    .post(paths.get(i)).then().statusCode(200).body("service", equalTo("identity"))
                    .body("method", equalTo("POST"));
        }
    }

    @Test
    void passkeySignInNeedsNoTokenButPasskeysAndTheirStepUpDo() {
        List<String> paths = List.of("/api/v1/auth/login/passkey-options", "/api/v1/auth/login/passkey",
                "/api/v1/auth/passkey-options", "/api/v1/auth/passkey");
        for (int i = 0; i < paths.size(); i++) {
            given().header("X-Forwarded-For", "198.51.100." + (41 + i)).contentType("application/json").body("{}")
                    .post(paths.get(i)).then().statusCode(200).header("Cache-Control", "no-store")
                    .body("service", equalTo("identity"));
        }
        given().post("/api/v1/passkeys/registration-options").then().statusCode(401);
        given().get("/api/v1/passkeys").then().statusCode(401);
        given().post("/api/v1/auth/step-up/passkey-options").then().statusCode(401);
    }

    @Test
    void nonPublicRoutesOfTheSameServicesNeedAToken() {
        given().contentType("application/json").body("{}").post("/api/v1/auth/logout").then().statusCode(401);
        given().get("/api/v1/firms/123").then().statusCode(401);
        given().get("/api/v1/two-factor").then().statusCode(401);
        given().get("/api/v1/devices").then().statusCode(401);
        given().get("/api/v1/portal-auth/accounts").then().statusCode(401);
        given().post("/api/v1/portal-auth/accounts/5a1c/disable").then().statusCode(401);
    }

    @Test
    void pathsTheUpstreamWouldReadDifferentlyAreRefusedBeforeThePublicDecision() throws Exception {
        // each would pass the public rule for /portal-auth (not /portal-auth/accounts) and reach identity-service,
        // which strips matrix parameters and decodes the rest: the firm's portal accounts without a token
        for (String path : List.of("/api/v1/portal-auth/accounts;x=1", "/api/v1/portal-auth/accounts;x=1/5a1c/disable",
                "/api/v1/portal-auth;x=1/accounts", "/api/v1/portal-auth/%61ccounts", "/api/v1/portal-auth/accounts%2F",
                "/api/v1/portal-auth%2Faccounts", "/api/v1/portal-auth/accounts%3b",
                "/api/v1/portal-auth/accounts%5c", "/api/v1/portal-auth/accounts%00",
                "/api/v1/portal-auth/%2561ccounts", "/api/v1/users;jsessionid=1")) {
            Response answer = given().urlEncodingEnabled(false).get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(answer.jsonPath().getString("type")).as(path).isEqualTo("https://lexguard.dev/problems/invalid-path");
        }
        // an empty segment and a raw backslash, sent as they are (HTTP clients would merge or refuse them); the HTTP
        // server refuses a raw backslash in the request line itself, before any handler
        assertThat(rawAnswer("/api/v1/portal-auth//accounts")).startsWith("HTTP/1.1 400")
                .contains("https://lexguard.dev/problems/invalid-path");
        assertThat(rawAnswer("/api/v1/portal-auth/accounts\\")).startsWith("HTTP/1.1 400");
        // the plain forms still route as before
        given().get("/api/v1/portal-auth/accounts").then().statusCode(401);
        given().header("X-Forwarded-For", "198.51.100.7").contentType("application/json").body("{}")
                .post("/api/v1/portal-auth/login").then().statusCode(200);
        given().header("Authorization", "Bearer " + Tokens.user()).urlEncodingEnabled(false)
                .get("/api/v1/users/caf%C3%A9%20noir").then().statusCode(200);
    }

    private static String rawAnswer(String path) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void dotSegmentsCannotEscapeARoute() {
        given().urlEncodingEnabled(false).get("/api/v1/auth/%2e%2e/users").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void requestIdIsPropagatedOrAssigned() {
        given().header("Authorization", "Bearer " + Tokens.user()).header("X-Request-Id", "req-abc.123")
                .get("/api/v1/users").then().statusCode(200)
                .header("X-Request-Id", "req-abc.123")
                .body("headers.x-request-id[0]", equalTo("req-abc.123"));
        Response response = given().header("Authorization", "Bearer " + Tokens.user())
                .header("X-Request-Id", "<script>").get("/api/v1/users");
        String assigned = response.header("X-Request-Id");
        assertThat(assigned).matches("[0-9a-f-]{36}");
        assertThat(response.jsonPath().getString("headers.x-request-id[0]")).isEqualTo(assigned);
    }

    @Test
    void traceparentIsPropagatedOrStarted() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().header("Authorization", "Bearer " + Tokens.user()).header("traceparent", traceparent)
                .header("tracestate", "vendor=1").get("/api/v1/users").then().statusCode(200)
                .body("headers.traceparent[0]", equalTo(traceparent))
                .body("headers.tracestate[0]", equalTo("vendor=1"));
        given().header("Authorization", "Bearer " + Tokens.user()).header("traceparent", "garbage")
                .header("tracestate", "vendor=1").get("/api/v1/users").then().statusCode(200)
                .body("headers.traceparent[0]", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
                .body("headers.tracestate", nullValue());
    }

    @Test
    void gatewayOnlyHeadersFromClientsAreStripped() {
        given().header("Authorization", "Bearer " + Tokens.user())
                .header("X-LexGuard-Firm-Id", "00000000-0000-0000-0000-000000000001")
                .header("X-Real-IP", "1.2.3.4").header("Forwarded", "for=1.2.3.4")
                .header("X-Forwarded-Host", "evil.example")
                .get("/api/v1/users").then().statusCode(200)
                .body("headers.x-lexguard-firm-id", nullValue())
                .body("headers.x-real-ip", nullValue())
                .body("headers.forwarded", nullValue())
                .body("headers.x-forwarded-host", hasSize(1))
                .body("headers.x-forwarded-host", not(hasItem("evil.example")));
    }

    @Test
    void trustedPeerForwardedForGivesTheClientAddress() {
        // the test client connects from 127.0.0.1, a trusted proxy in the test configuration
        given().header("Authorization", "Bearer " + Tokens.user())
                .header("X-Forwarded-For", "203.0.113.9, 10.1.2.3").get("/api/v1/users").then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(List.of("10.1.2.3")));
        given().header("Authorization", "Bearer " + Tokens.user())
                .header("X-Forwarded-For", "203.0.113.9, 127.0.0.1").get("/api/v1/users").then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(List.of("203.0.113.9")));
        given().header("Authorization", "Bearer " + Tokens.user()).header("X-Forwarded-Proto", "https")
                .get("/api/v1/users").then().statusCode(200)
                .body("headers.x-forwarded-for", equalTo(List.of("127.0.0.1")))
                .body("headers.x-forwarded-proto", equalTo(List.of("https")));
    }

    @Test
    void securityHeadersOnEveryApiResponseAndNoStoreOnAuthResponses() {
        given().header("Authorization", "Bearer " + Tokens.user()).get("/api/v1/users").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Strict-Transport-Security", notNullValue())
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer");
        given().header("X-Forwarded-For", "198.51.100.2").contentType("application/json").body("{}")
                .post("/api/v1/auth/refresh").then().statusCode(200)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void corsAllowsConfiguredFrontendsOnly() {
        given().header("Origin", "https://app.lexguard.test").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/users").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.lexguard.test");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/users").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://app.lexguard.test").header("Authorization", "Bearer " + Tokens.user())
                .get("/api/v1/users").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.lexguard.test")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void gatewayOwnEndpointsRefuseBodies() {
        given().contentType("application/json").body("{\"a\":1}").post("/q/health").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyWithContentLengthIsRefusedBeforeForwarding() {
        byte[] body = new byte[2 * 1024 * 1024];
        given().header("Authorization", "Bearer " + Tokens.user()).contentType("application/octet-stream")
                .body(body).post("/api/v1/users").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/payload-too-large"));
    }
}
