package dev.lexguard.gateway.tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.gateway.testsupport.TestKeys;
import dev.lexguard.gateway.testsupport.TestUpstreams;
import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every token attack of RFC 8725 the issue names is refused with 401 problem+json, and good tokens pass. */
@QuarkusTest
class TokenAttackTest {

    private static ValidatableResponse call(String path, String token) {
        return given().header("Authorization", "Bearer " + token).get(path).then();
    }

    private static void refused(String token) {
        refused("/api/v1/users", token);
    }

    private static void refused(String path, String token) {
        call(path, token).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("Cache-Control", "no-store")
                .body("type", equalTo("https://lexguard.dev/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo(path));
    }

    @Test
    void validTokenReachesTheOwningService() {
        call("/api/v1/users", Tokens.user()).statusCode(200)
                .body("service", equalTo("identity"))
                .body("headers.authorization[0]", startsWith("Bearer "));
    }

    @Test
    void missingTokenIsRefused() {
        given().get("/api/v1/users").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/users").then().statusCode(401);
    }

    @Test
    void algNoneIsRefused() {
        ObjectNode claims = Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API);
        refused(Tokens.unsigned(Tokens.header("none", TestKeys.KID_A), claims));
        refused(Tokens.unsigned(Tokens.header("none", null), claims));
        refused(Tokens.unsigned(Tokens.header("None", TestKeys.KID_A), claims));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() {
        ObjectNode claims = Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API);
        byte[] der = TestKeys.A.getPublic().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        refused(Tokens.hs256(Tokens.header("HS256", TestKeys.KID_A), claims, der));
        refused(Tokens.hs256(Tokens.header("HS256", TestKeys.KID_A), claims, pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void unknownKidIsRefusedAndRefetchesTheJwksAtMostOncePerInterval() {
        ObjectNode claims = Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API);
        // wait out any refetch another test caused, so this one's count starts clean
        Awaitility.await().pollDelay(Duration.ofMillis(2100)).until(() -> true);
        int before = TestUpstreams.jwksFetches();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            refused(Tokens.rs256(Tokens.header("RS256", "no-such-key-" + i), claims, TestKeys.A.getPrivate()));
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // one fetch, then at most one per 2 s (the test's jwks-min-refresh-interval) however many kids arrive
        assertThat(TestUpstreams.jwksFetches() - before).isBetween(1, 1 + (int) (elapsedMillis / 2000));
    }

    @Test
    void aKeyPublishedLaterIsAcceptedAfterARefetch() {
        String token = Tokens.rs256(Tokens.header("RS256", TestKeys.KID_B),
                Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API), TestKeys.B.getPrivate());
        TestUpstreams.publish(TestKeys.KID_B, TestKeys.B);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                call("/api/v1/users", token).statusCode(200));
    }

    @Test
    void tokensOfAWithdrawnKeyAreRefusedOnceTheJwksNoLongerHasIt() {
        String token = Tokens.rs256(Tokens.header("RS256", TestKeys.KID_C),
                Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API), TestKeys.C.getPrivate());
        TestUpstreams.publish(TestKeys.KID_C, TestKeys.C);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> call("/api/v1/users", token).statusCode(200));
        // verified once, remembered: still accepted while the key is published
        call("/api/v1/users", token).statusCode(200);
        TestUpstreams.withdraw(TestKeys.KID_C);
        ObjectNode claims = Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API);
        // an unknown kid makes the gateway refetch the JWKS (at most every 2 s in the tests)
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            call("/api/v1/users", Tokens.rs256(Tokens.header("RS256", "rotation-probe"), claims, TestKeys.A.getPrivate()))
                    .statusCode(401);
            refused(token);
        });
    }

    @Test
    void signatureFromAnotherKeyIsRefused() {
        refused(Tokens.rs256(Tokens.header("RS256", TestKeys.KID_A),
                Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API),
                TestKeys.STRANGER.getPrivate()));
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = Tokens.user();
        List<String> parts = Tokens.parts(token);
        ObjectNode claims = Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API);
        claims.putArray("groups").add("administrator").add("billing");
        refused(parts.get(0) + "." + Tokens.encode(claims) + "." + parts.get(2));
        refused(parts.get(0) + "." + parts.get(1) + "." + parts.get(2).substring(0, parts.get(2).length() - 4) + "AAAA");
        refused(parts.get(0) + "." + parts.get(1));
        refused("not-a-token");
    }

    @Test
    void expiredTokenIsRefusedButSmallSkewIsTolerated() {
        long now = Instant.now().getEpochSecond();
        refused(Tokens.userWith(c -> c.put("exp", now - 120).put("iat", now - 720)));
        call("/api/v1/users", Tokens.userWith(c -> c.put("exp", now - 5))).statusCode(200);
        refused(Tokens.userWith(c -> c.remove("exp")));
    }

    @Test
    void notYetValidTokenIsRefused() {
        long now = Instant.now().getEpochSecond();
        refused(Tokens.userWith(c -> c.put("nbf", now + 300)));
        refused(Tokens.userWith(c -> c.put("iat", now + 300)));
        call("/api/v1/users", Tokens.userWith(c -> c.put("nbf", now + 5))).statusCode(200);
    }

    @Test
    void foreignIssuerIsRefused() {
        refused(Tokens.userWith(c -> c.put("iss", "https://evil.example")));
        refused(Tokens.userWith(c -> c.remove("iss")));
    }

    @Test
    void wrongOrMissingTypIsRefused() {
        ObjectNode header = Tokens.header("RS256", TestKeys.KID_A).put("typ", "refresh+jwt");
        refused(Tokens.rs256(header, Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API),
                TestKeys.A.getPrivate()));
        ObjectNode untyped = Tokens.header("RS256", TestKeys.KID_A);
        untyped.remove("typ");
        refused(Tokens.rs256(untyped, Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API),
                TestKeys.A.getPrivate()));
    }

    @Test
    void keysFromTheTokenItselfAreNeverUsed() {
        ObjectNode header = Tokens.header("RS256", TestKeys.KID_A);
        header.set("jwk", new ObjectMapper().valueToTree(TestKeys.jwk("x", TestKeys.STRANGER)));
        refused(Tokens.rs256(header, Tokens.claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Tokens.API),
                TestKeys.STRANGER.getPrivate()));
    }

    @Test
    void portalTokensNeverReachFirmApisAndFirmTokensNeverReachThePortal() {
        UUID firm = UUID.randomUUID();
        String portal = Tokens.portal(firm, UUID.randomUUID(), UUID.randomUUID());
        refused("/api/v1/users", portal);
        refused("/api/v1/matters/123", portal);
        call("/api/v1/portal/shares", portal).statusCode(200).body("service", equalTo("sharing"));
        refused("/api/v1/portal/shares", Tokens.user());
        refused(Tokens.userWith(c -> c.putArray("aud").add(Tokens.API).add(Tokens.PORTAL)));
    }

    @Test
    void tokensWithoutLexGuardClaimsAreRefused() {
        refused(Tokens.userWith(c -> c.remove("sid")));
        refused(Tokens.userWith(c -> c.remove("firm")));
        refused(Tokens.userWith(c -> c.put("sub", "not-a-uuid")));
    }
}
