package dev.lexguard.identity.tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    private static final String ISSUER = "https://identity.lexguard.dev";

    private static ExtractableResponse<Response> refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("refreshToken", refreshToken)).post("/api/v1/auth/refresh").then().extract();
    }

    private static int readFirm(Fixtures.TestFirm firm, String token) {
        return given().auth().oauth2(token).get("/api/v1/firms/" + firm.firmId()).then().extract().statusCode();
    }

    @Test
    void jwksPublishesBothLiveKeysAndTheTokenVerifiesWithItsKidsKey() throws Exception {
        Fixtures.TestFirm firm = Fixtures.firm();
        ExtractableResponse<Response> jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract();
        List<Map<String, String>> keys = jwks.path("keys");
        assertThat(keys).extracting(k -> k.get("kid")).containsExactly("test-a", "test-b");
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.get("kty")).isEqualTo("RSA");
            assertThat(k.get("alg")).isEqualTo("RS256");
            assertThat(k).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
        });
        Map<String, String> key = keys.stream().filter(k -> k.get("kid").equals(Jwts.header(firm.accessToken()).path("kid").asText()))
                .findFirst().orElseThrow();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.get("e")))));
        String[] parts = firm.accessToken().split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKey);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void aTokenSignedWithTheSecondLiveKeyIsAccepted() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Instant now = Instant.now();
        String rotated = Jwts.sign("keys/test-signing-b.pem", "test-b", ISSUER, "lexguard-api", firm.firmId(), firm.ownerId(),
                firm.sessionId(), Set.of("administrator"), now, now.plusSeconds(300));
        assertThat(readFirm(firm, rotated)).isEqualTo(200);
    }

    @Test
    void forgedExpiredForeignAndOverlongTokensAre401() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Instant now = Instant.now();
        String foreignKey = Jwts.sign("keys/foreign.pem", "test-a", ISSUER, "lexguard-api", firm.firmId(), firm.ownerId(),
                firm.sessionId(), Set.of("administrator"), now, now.plusSeconds(300));
        String expired = Jwts.sign("keys/test-signing-a.pem", "test-a", ISSUER, "lexguard-api", firm.firmId(), firm.ownerId(),
                firm.sessionId(), Set.of(), now.minusSeconds(900), now.minusSeconds(300));
        String wrongAudience = Jwts.sign("keys/test-signing-a.pem", "test-a", ISSUER, "lexguard-portal", firm.firmId(),
                firm.ownerId(), firm.sessionId(), Set.of(), now, now.plusSeconds(300));
        String wrongIssuer = Jwts.sign("keys/test-signing-a.pem", "test-a", "https://evil.example", "lexguard-api", firm.firmId(),
                firm.ownerId(), firm.sessionId(), Set.of(), now, now.plusSeconds(300));
        String overlong = Jwts.sign("keys/test-signing-a.pem", "test-a", ISSUER, "lexguard-api", firm.firmId(), firm.ownerId(),
                firm.sessionId(), Set.of(), now, now.plusSeconds(3600));
        String[] parts = firm.accessToken().split("\\.");
        String algNone = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                Jwts.claims(firm.accessToken()).toString().replace(firm.firmId(), UUID.randomUUID().toString())
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        for (String token : List.of(foreignKey, expired, wrongAudience, wrongIssuer, overlong, algNone, tampered, "garbage")) {
            given().auth().oauth2(token).get("/api/v1/firms/" + firm.firmId()).then().statusCode(401)
                    .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/unauthorized"));
        }
        assertThat(readFirm(firm, firm.accessToken())).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheRefreshTokenAndIssuesANewAccessToken() {
        Fixtures.TestFirm firm = Fixtures.firm();
        ExtractableResponse<Response> refreshed = refresh(firm.refreshToken());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.<String>path("refreshToken")).isNotEqualTo(firm.refreshToken()).startsWith("lgr_");
        assertThat(refreshed.<String>path("sessionId")).isEqualTo(firm.sessionId());
        assertThat(Jwts.claims(refreshed.path("accessToken")).path("sid").asText()).isEqualTo(firm.sessionId());
        assertThat(readFirm(firm, refreshed.path("accessToken"))).isEqualTo(200);
        assertThat(refresh(refreshed.path("refreshToken")).statusCode()).isEqualTo(200);
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.session.refreshed", e -> e.path("subject").asText().equals(firm.sessionId()));
            assertThat(event.path("data").path("userId").asText()).isEqualTo(firm.ownerId());
            assertThat(event.path("data").path("clientIp").asText()).startsWith("10.");
        }
        assertThat(Db.rows("select token_hash from refresh_token where session_id = ?", UUID.fromString(firm.sessionId()))).hasSize(3);
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeSession() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String next = refresh(firm.refreshToken()).path("refreshToken");
        ExtractableResponse<Response> reuse = refresh(firm.refreshToken());
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(reuse.<String>path("type")).isEqualTo("https://lexguard.dev/problems/invalid-refresh-token");
        assertThat(refresh(next).statusCode()).isEqualTo(401);
        Map<String, Object> session = Db.row("select ended_at, end_reason from session where id = ?", UUID.fromString(firm.sessionId()));
        assertThat(session.get("ended_at")).isNotNull();
        assertThat(session.get("end_reason")).isEqualTo("refresh_reuse");
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode ended = topic.await("dev.lexguard.identity.session.ended", e -> e.path("subject").asText().equals(firm.sessionId()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("refresh_reuse");
            assertThat(ended.path("actortype").asText()).isEqualTo("system");
        }
    }

    @Test
    void logoutEndsTheCurrentSessionAndItsRefreshToken() {
        Fixtures.TestFirm firm = Fixtures.firm();
        given().auth().oauth2(firm.accessToken()).post("/api/v1/auth/logout").then().statusCode(204);
        assertThat(refresh(firm.refreshToken()).statusCode()).isEqualTo(401);
        given().auth().oauth2(firm.accessToken()).post("/api/v1/auth/logout").then().statusCode(401)
                .body("type", equalTo("https://lexguard.dev/problems/session-ended"));
        given().post("/api/v1/auth/logout").then().statusCode(401).contentType("application/problem+json");
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode ended = topic.await("dev.lexguard.identity.session.ended", e -> e.path("subject").asText().equals(firm.sessionId()));
            assertThat(ended.path("data").path("reason").asText()).isEqualTo("logout");
            assertThat(ended.path("actorid").asText()).isEqualTo(firm.ownerId());
        }
    }

    @Test
    void malformedRefreshRequestsAreProblems() {
        assertThat(refresh("lgr_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(refresh("not-a-token").statusCode()).isEqualTo(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/refresh").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"refreshToken\":42}").post("/api/v1/auth/refresh").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "x".repeat(600))).post("/api/v1/auth/refresh")
                .then().statusCode(400);
    }
}
