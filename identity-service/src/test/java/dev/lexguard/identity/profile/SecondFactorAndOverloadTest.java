package dev.lexguard.identity.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.identity.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SecondFactorProfile.class)
class SecondFactorAndOverloadTest {

    private static final String NEW_PASSWORD = "copper kettle morning fog";

    private static ExtractableResponse<Response> withRetry(java.util.function.Supplier<ExtractableResponse<Response>> call) {
        // the pool here is deliberately tiny: a 429 from a concurrent test burst is retried
        return Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).pollInterval(java.time.Duration.ofMillis(200))
                .until(call::get, r -> r.statusCode() != 429);
    }

    @Test
    void changingThePasswordNeedsTheSecondFactorWhenTheUserHasOne() {
        Fixtures.TestFirm firm = Fixtures.firm();
        EnrolledSecondFactor.enrol(firm.ownerId(), "246810");
        Map<String, Object> body = new HashMap<>(Map.of("currentPassword", firm.password(), "newPassword", NEW_PASSWORD));
        ExtractableResponse<Response> missing = withRetry(() -> given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/me/password").then().extract());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.<String>path("type")).isEqualTo("https://lexguard.dev/problems/second-factor-required");
        body.put("code", "000000");
        assertThat(withRetry(() -> given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/me/password").then().extract()).statusCode()).isEqualTo(403);
        body.put("code", "246810");
        assertThat(withRetry(() -> given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/me/password").then().extract()).statusCode()).isEqualTo(204);
    }

    @Test
    void aPasswordResetNeverBypassesTheSecondFactor() {
        Fixtures.TestFirm firm = Fixtures.firm();
        EnrolledSecondFactor.enrol(firm.ownerId(), "135790");
        given().contentType(ContentType.JSON).body(Map.of("email", firm.ownerEmail())).post("/api/v1/auth/password-reset")
                .then().statusCode(202);
        String resetId;
        try (dev.lexguard.identity.IdentityTopic topic = new dev.lexguard.identity.IdentityTopic()) {
            resetId = topic.await("dev.lexguard.identity.password.resetRequested", e -> e.path("firmid").asText().equals(firm.firmId()))
                    .path("data").path("resetId").asText();
        }
        String token = Fixtures.mailerToken("password-resets", resetId);
        Map<String, Object> body = new HashMap<>(Map.of("token", token, "newPassword", NEW_PASSWORD));
        ExtractableResponse<Response> noCode = withRetry(() -> given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/auth/password-reset/complete").then().extract());
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(noCode.<String>path("type")).isEqualTo("https://lexguard.dev/problems/second-factor-required");
        body.put("code", "999999");
        assertThat(withRetry(() -> given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/auth/password-reset/complete").then().extract()).statusCode()).isEqualTo(403);
        assertThat(withRetry(() -> Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).extract()).statusCode())
                .isEqualTo(200);
        body.put("code", "135790");
        assertThat(withRetry(() -> given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/auth/password-reset/complete").then().extract()).statusCode()).isEqualTo(204);
        assertThat(withRetry(() -> Fixtures.login(firm.ownerEmail(), NEW_PASSWORD, Fixtures.uniqueIp()).extract()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theRightPasswordOfAUserWithASecondFactorYieldsAChallengeNeverTokens() {
        Fixtures.TestFirm firm = Fixtures.firm();
        EnrolledSecondFactor.enrol(firm.ownerId(), "112233");
        ExtractableResponse<Response> login = withRetry(() -> Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).extract());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.<String>path("status")).isEqualTo("two_factor_required");
        String challenge = login.path("challengeToken");
        assertThat(challenge).startsWith("lgc_");
        assertThat(login.<String>path("accessToken")).isNull();
        assertThat(login.<String>path("refreshToken")).isNull();
        assertThat(java.time.Instant.parse(login.path("expiresAt"))).isBefore(java.time.Instant.now().plusSeconds(301));
        java.util.Map<String, Object> row = dev.lexguard.identity.Db.row(
                "select token_hash, used_at, failed_attempts from signin_challenge where user_id = ?", java.util.UUID.fromString(firm.ownerId()));
        assertThat((byte[]) row.get("token_hash")).isEqualTo(dev.lexguard.identity.tokens.OpaqueTokens.hash(challenge));
        assertThat(dev.lexguard.identity.Db.rows("select id from session where user_id = ?", java.util.UUID.fromString(firm.ownerId())))
                .hasSize(1);
        ExtractableResponse<Response> wrong = withRetry(() -> Fixtures.login(firm.ownerEmail(), "not the password at all", Fixtures.uniqueIp()).extract());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void aBurstOfSignInsBeyondTheHashingQueueIsRefusedWith429NotQueuedWithoutBound() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> Fixtures.login(Fixtures.uniqueEmail("flood"),
                        "flooding password attempt", Fixtures.uniqueIp()).extract(), clients));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<ExtractableResponse<Response>> call : calls) {
                ExtractableResponse<Response> response = call.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.<String>path("detail")).isEqualTo("The service is busy; retry shortly");
                }
            }
            assertThat(statuses).contains(429).allMatch(s -> s == 401 || s == 429);
        } finally {
            clients.shutdownNow();
        }
    }
}
