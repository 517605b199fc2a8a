package dev.lexguard.identity.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.passwords.Argon2Phc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignInResourceTest {

    @Test
    void correctPasswordAuthenticatesWithAnRs256TokenCarryingExactlyTheArchitectureClaims() {
        String email = Fixtures.uniqueEmail("claims");
        String ip = Fixtures.uniqueIp();
        String firmId = given().contentType(ContentType.JSON)
                .body(Map.of("firmName", "Claims LLP", "ownerName", "Cai Claims", "ownerEmail", email, "password", Fixtures.PASSWORD))
                .post("/api/v1/firms").then().statusCode(201).extract().path("firm.id");

        ExtractableResponse<Response> login = given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .header("User-Agent", "LexGuardTest/1.0 (claims)")
                .body(Map.of("email", email.toUpperCase(), "password", Fixtures.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).extract();
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        assertThat(login.<String>path("status")).isEqualTo("authenticated");
        assertThat(login.<String>path("tokenType")).isEqualTo("Bearer");
        assertThat(login.<Integer>path("expiresIn")).isEqualTo(600);
        assertThat(login.<String>path("refreshToken")).startsWith("lgr_");
        String token = login.path("accessToken");

        JsonNode header = Jwts.header(token);
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo("test-a");
        JsonNode claims = Jwts.claims(token);
        List<String> names = new ArrayList<>();
        claims.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("iss", "aud", "sub", "upn", "firm", "sid", "groups", "amr", "auth_time",
                "session_start", "iat", "exp", "jti");
        assertThat(claims.path("iss").asText()).isEqualTo("https://identity.lexguard.dev");
        assertThat(claims.path("aud").isArray() ? claims.path("aud").get(0).asText() : claims.path("aud").asText()).isEqualTo("lexguard-api");
        assertThat(claims.path("firm").asText()).isEqualTo(firmId);
        assertThat(claims.path("upn").asText()).isEqualTo(email);
        assertThat(claims.path("sid").asText()).isEqualTo(login.<String>path("sessionId"));
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("administrator");
        assertThat(claims.path("amr").get(0).asText()).isEqualTo("pwd");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(600);
        // at sign-in both auth_time (when the factors were proved; a step-up moves it) and session_start (what the
        // gateway compares with revocation watermarks) are when the session began, in seconds
        long sessionStart = ((Timestamp) Db.row("select created_at from session where id = ?",
                UUID.fromString(login.path("sessionId"))).get("created_at")).toInstant().getEpochSecond();
        assertThat(claims.path("auth_time").asLong()).isEqualTo(sessionStart);
        assertThat(claims.path("session_start").asLong()).isEqualTo(sessionStart);

        Map<String, Object> session = Db.row("select user_id, firm_id, client_ip, user_agent, ended_at from session where id = ?",
                UUID.fromString(login.path("sessionId")));
        assertThat(session.get("client_ip")).isEqualTo(ip);
        assertThat(session.get("user_agent")).isEqualTo("LexGuardTest/1.0 (claims)");
        assertThat(session.get("ended_at")).isNull();

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode started = topic.await("dev.lexguard.identity.session.started",
                    e -> e.path("subject").asText().equals(login.path("sessionId")));
            assertThat(started.path("firmid").asText()).isEqualTo(firmId);
            assertThat(started.path("data").path("userId").asText()).isEqualTo(claims.path("sub").asText());
            assertThat(started.path("data").path("clientIp").asText()).isEqualTo(ip);
            assertThat(started.path("data").path("userAgent").asText()).isEqualTo("LexGuardTest/1.0 (claims)");
            assertThat(started.toString()).doesNotContain(token).doesNotContain(login.<String>path("refreshToken"));
        }
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswerAndBothAreEvents() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String ip = Fixtures.uniqueIp();
        String unknown = Fixtures.uniqueEmail("nobody");
        ExtractableResponse<Response> wrong = Fixtures.login(firm.ownerEmail(), "not the right password at all", ip).extract();
        ExtractableResponse<Response> missing = Fixtures.login(unknown, "not the right password at all", ip).extract();
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        for (String field : List.of("type", "title", "status", "detail")) {
            assertThat(missing.<Object>path(field)).isEqualTo(wrong.path(field));
        }
        assertThat(wrong.<String>path("type")).isEqualTo("https://lexguard.dev/problems/invalid-credentials");

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode wrongEvent = topic.await("dev.lexguard.identity.signin.failed",
                    e -> e.path("data").path("email").asText().equals(firm.ownerEmail()));
            assertThat(wrongEvent.path("data").path("reason").asText()).isEqualTo("wrong_password");
            assertThat(wrongEvent.path("firmid").asText()).isEqualTo(firm.firmId());
            assertThat(wrongEvent.path("data").path("userId").asText()).isEqualTo(firm.ownerId());
            assertThat(wrongEvent.path("data").path("clientIp").asText()).isEqualTo(ip);
            assertThat(wrongEvent.toString()).doesNotContain("not the right password");
            JsonNode unknownEvent = topic.await("dev.lexguard.identity.signin.failed",
                    e -> e.path("data").path("email").asText().equals(unknown));
            assertThat(unknownEvent.path("data").path("reason").asText()).isEqualTo("unknown_account");
            assertThat(unknownEvent.path("firmid").asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
        }
    }

    @Test
    void unknownEmailTakesAsLongAsAWrongPasswordBecauseADummyIsHashed() {
        Fixtures.TestFirm firm = Fixtures.firm();
        long wrong = 0;
        long missing = 0;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Fixtures.login(firm.ownerEmail(), "not the right password " + i, Fixtures.uniqueIp()).statusCode(401);
            long t1 = System.nanoTime();
            Fixtures.login(Fixtures.uniqueEmail("ghost"), "not the right password " + i, Fixtures.uniqueIp()).statusCode(401);
            long t2 = System.nanoTime();
            wrong += t1 - t0;
            missing += t2 - t1;
        }
        // One Argon2id run (19 MiB, t=2) dominates both; without the dummy hash a miss would be several times faster.
        assertThat((double) missing / wrong).isBetween(0.5, 2.0);
    }

    @Test
    void repeatedFailuresOnAnAccountAreDelayedWith429AndRetryAfterEvenForTheRightPassword() {
        Fixtures.TestFirm firm = Fixtures.firm();
        for (int i = 0; i < 5; i++) {
            Fixtures.login(firm.ownerEmail(), "wrong password number " + i, Fixtures.uniqueIp()).statusCode(401);
        }
        ExtractableResponse<Response> throttled = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).extract();
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 2);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.signin.failed", e -> e.path("data").path("email").asText().equals(firm.ownerEmail())
                    && e.path("data").path("reason").asText().equals("account_throttled"));
        }
        // after the delay the right password works and clears the run of failures
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).extract().statusCode() == 200);
        assertThat(Db.rows("select 1 from signin_throttle where throttle_key = ?", "account:" + firm.ownerEmail())).isEmpty();
    }

    @Test
    void manyFailuresFromOneClientIpAreThrottledForEveryAccountFromThatIp() {
        String ip = Fixtures.uniqueIp();
        // the firm first: the 21st attempt must follow the 20th failure at once, within its first delay (1 s), even on
        // a loaded machine
        Fixtures.TestFirm firm = Fixtures.firm();
        for (int i = 0; i < 20; i++) {
            Fixtures.login(Fixtures.uniqueEmail("spray"), "password spraying attempt", ip).statusCode(401);
        }
        ExtractableResponse<Response> throttled = Fixtures.login(firm.ownerEmail(), firm.password(), ip).extract();
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
    }

    @Test
    void anIpv6ClientIsThrottledByItsSlash64WhateverAddressOfItItUses() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        String network = "2001:db8:" + Integer.toHexString(1 + r.nextInt(65000)) + ":" + Integer.toHexString(1 + r.nextInt(65000)) + ":";
        Fixtures.TestFirm firm = Fixtures.firm();
        for (int i = 0; i < 20; i++) {
            // a new privacy address of the same /64 for every attempt
            Fixtures.login(Fixtures.uniqueEmail("spray6"), "password spraying attempt", network + "0:0:" + Integer.toHexString(i + 1) + ":1")
                    .statusCode(401);
        }
        ExtractableResponse<Response> throttled = Fixtures.login(firm.ownerEmail(), firm.password(), network + "ffff:ffff:ffff:ffff")
                .extract();
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Db.rows("select 1 from signin_throttle where throttle_key = ?", "ip:" + network.replace("::", ":") + "0:0:0:0/64"))
                .hasSize(1);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
    }

    @Test
    void hardLockAfterOneHundredConsecutiveFailures() {
        Fixtures.TestFirm firm = Fixtures.firm();
        Db.update("insert into signin_throttle (throttle_key, failures, last_failure_at) values (?, 100, now() - interval '2 days')",
                "account:" + firm.ownerEmail());
        ExtractableResponse<Response> locked = Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).extract();
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isEqualTo(86_400);
    }

    @Test
    void concurrentAttemptsCannotTogetherPassTheHundredFailureCeiling() throws Exception {
        Fixtures.TestFirm firm = Fixtures.firm();
        Db.update("insert into signin_throttle (throttle_key, failures, last_failure_at) values (?, 99, now() - interval '20 minutes')",
                "account:" + firm.ownerEmail());
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                calls.add(clients.submit(() -> Fixtures.login(firm.ownerEmail(), "concurrent wrong guess " + n, Fixtures.uniqueIp())
                        .extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(((Number) Db.row("select failures from signin_throttle where throttle_key = ?", "account:" + firm.ownerEmail())
                .get("failures")).intValue()).isEqualTo(100);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(429);
    }

    @Test
    void storedHashWithALowerCostIsRehashedOnSignIn() {
        Fixtures.TestFirm firm = Fixtures.firm();
        String weaker = new Argon2Phc().hash(firm.password(), new Argon2Phc.Cost(8192, 1, 1));
        Db.update("update app_user set password_hash = ? where id = ?", weaker, UUID.fromString(firm.ownerId()));
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
        String stored = (String) Db.row("select password_hash from app_user where id = ?", UUID.fromString(firm.ownerId()))
                .get("password_hash");
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(weaker);
        Fixtures.login(firm.ownerEmail(), firm.password(), Fixtures.uniqueIp()).statusCode(200);
    }

    @Test
    void badLoginInputIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"email\":\"a@b.example\"}").post("/api/v1/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\":[1],\"password\":\"x\"}").post("/api/v1/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("email", "not an email", "password", "whatever it is"))
                .post("/api/v1/auth/login").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"email\":\"x@firm.example\",\"password\":\"\\ud800\"}")
                .header("X-Forwarded-For", Fixtures.uniqueIp())
                .post("/api/v1/auth/login").then().statusCode(401).contentType("application/problem+json");
        // no text with U+0000 enters any service (platform/web's rule): no password can hold one
        given().contentType(ContentType.JSON).body("{\"email\":\"x@firm.example\",\"password\":\"\\ud800\\u0000\"}")
                .header("X-Forwarded-For", Fixtures.uniqueIp())
                .post("/api/v1/auth/login").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("password"));
    }
}
