package dev.lexguard.identity.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.devstack.InjectKeycloak;
import dev.lexguard.devstack.KeycloakResource;
import dev.lexguard.devstack.KeycloakSettings;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Single sign-on through a real Keycloak, driven over HTTP the way a browser and the web app would. */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class SsoResourceTest {

    private static final String REDIRECT_URI = "https://app.lexguard.test/sso/callback";
    private static final String KEYCLOAK_PASSWORD = "harbour keycloak lantern 7";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKeycloak
    KeycloakSettings keycloak;

    @Inject
    IdTokenVerifier verifier;

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    /** A connected firm whose member has a Keycloak account with a password. */
    record Connected(TestFirm firm, Member member, TestRealm realm, String accountId) {
    }

    private Connected connected() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        TestRealm realm = TestRealm.create(keycloak);
        KeycloakConnectionResourceTest.connect(firm, realm.connectBody()).statusCode(200);
        String accountId = KeycloakConnectionResourceTest.awaitAccount(realm, member.email()).getId();
        realm.setPassword(accountId, KEYCLOAK_PASSWORD);
        return new Connected(firm, member, realm, accountId);
    }

    private static ValidatableResponse start(String firmId, String loginHint) {
        Map<String, Object> body = loginHint == null ? Map.of("firmId", firmId) : Map.of("firmId", firmId, "loginHint", loginHint);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/auth/sso/start").then();
    }

    private static ValidatableResponse callback(String state, String code) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("state", state, "code", code)).post("/api/v1/auth/sso/callback").then();
    }

    /** Start, sign in at Keycloak with the form, and come back with Keycloak's redirect parameters. */
    private static Map<String, String> signInAtKeycloak(String firmId, String username) throws Exception {
        String url = start(firmId, username).statusCode(200).extract().path("authorizationUrl");
        return new KeycloakBrowser().signIn(url, username, KEYCLOAK_PASSWORD, REDIRECT_URI);
    }

    @Test
    void theFullFlowEndsInLexGuardTokens() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            ValidatableResponse started = start(c.firm().firmId(), c.member().email()).statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body("authorizationUrl", startsWith(keycloak.url() + "/realms/" + realm.name()
                            + "/protocol/openid-connect/auth?response_type=code&client_id=lexguard"));
            String url = started.extract().path("authorizationUrl");
            String state = started.extract().path("state");
            assertThat(url).contains("code_challenge_method=S256", "nonce=", "state=" + state,
                    "redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8));
            assertThat(Db.row("select code_verifier_sealed from sso_request where firm_id = ?::uuid", c.firm().firmId())
                    .get("code_verifier_sealed").toString()).startsWith("v1.");

            Map<String, String> redirect = new KeycloakBrowser().signIn(url, c.member().email(), KEYCLOAK_PASSWORD,
                    REDIRECT_URI);
            assertThat(redirect.get("state")).isEqualTo(state);

            ValidatableResponse signedIn = callback(state, redirect.get("code")).statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body("status", equalTo("authenticated"));
            String accessToken = signedIn.extract().path("accessToken");
            JsonNode claims = Jwts.claims(accessToken);
            assertThat(claims.path("sub").asText()).isEqualTo(c.member().userId());
            assertThat(claims.path("firm").asText()).isEqualTo(c.firm().firmId());
            assertThat(claims.path("amr").toString()).isEqualTo("[\"sso\"]");
            given().auth().oauth2(accessToken).get("/api/v1/me").then().statusCode(200)
                    .body("email", equalTo(c.member().email()));
            Fixtures.refresh(signedIn.extract().path("refreshToken")).statusCode(200);
            // single sign-on is a full sign-in: the mobile app may register a device from it
            given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                    .body(Map.of("name", "Pixel 9", "platform", "android", "appVersion", "3.4.1"))
                    .post("/api/v1/devices").then().statusCode(201);
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode session = topic.await("dev.lexguard.identity.session.started",
                        e -> e.path("subject").asText().equals(signedIn.extract().path("sessionId")));
                assertThat(session.path("data").path("amr").toString()).isEqualTo("[\"sso\"]");
            }

            callback(state, redirect.get("code")).statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/sso-state-replayed"));
        }
    }

    @Test
    void aCodeReplayedWithAnotherStateIsRefused() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            Map<String, String> first = signInAtKeycloak(c.firm().firmId(), c.member().email());
            callback(first.get("state"), first.get("code")).statusCode(200);
            String otherState = start(c.firm().firmId(), null).statusCode(200).extract().path("state");
            long sessions = sessionsOf(c.member().userId());
            callback(otherState, first.get("code")).statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/sso-code-rejected"));
            assertThat(sessionsOf(c.member().userId())).isEqualTo(sessions);
        }
    }

    @Test
    void aKeycloakUserWithoutALexGuardAccountIsRefused() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            String stranger = Fixtures.uniqueEmail("stranger");
            realm.createUser(stranger, KEYCLOAK_PASSWORD);
            Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), stranger);
            String body = callback(redirect.get("state"), redirect.get("code")).statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/sso-unknown-user"))
                    .extract().asString();
            assertThat(body).doesNotContain(redirect.get("code"));
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode failed = topic.await("dev.lexguard.identity.signin.failed",
                        e -> e.path("data").path("email").asText().equals(stranger));
                assertThat(failed.path("data").path("reason").asText()).isEqualTo("sso_unknown_user");
            }
        }
    }

    @Test
    void aDeactivatedUserGetsNoSessionEvenWhenKeycloakStillLetsThemIn() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            given().auth().oauth2(c.firm().accessToken()).post("/api/v1/users/" + c.member().userId() + "/deactivate")
                    .then().statusCode(200);
            await().until(() -> !realm.user(c.accountId()).toRepresentation().isEnabled());
            // drift: a Keycloak administrator enables the account again before any reconciliation
            var account = realm.user(c.accountId()).toRepresentation();
            account.setEnabled(true);
            realm.user(c.accountId()).update(account);

            Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), c.member().email());
            callback(redirect.get("state"), redirect.get("code")).statusCode(403)
                    .body("type", equalTo("https://lexguard.dev/problems/user-deactivated"));
            assertThat(Db.rows("select 1 from session where user_id = ?::uuid and ended_at is null",
                    c.member().userId())).isEmpty();
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.signin.failed",
                        e -> e.path("data").path("userId").asText().equals(c.member().userId())
                                && e.path("data").path("reason").asText().equals("user_deactivated"));
            }
        }
    }

    @Test
    void withLexGuardTwoFactorAndNoneShownByKeycloakTheTotpStepFollows() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            String secret = given().auth().oauth2(c.member().accessToken()).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
            given().auth().oauth2(c.member().accessToken()).contentType(ContentType.JSON)
                    .body(Map.of("code", TotpCodes.now(secret))).post("/api/v1/two-factor/enrolment/confirm").then()
                    .statusCode(200);

            Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), c.member().email());
            String challenge = callback(redirect.get("state"), redirect.get("code")).statusCode(200)
                    .body("status", equalTo("two_factor_required"))
                    .body("accessToken", equalTo(null))
                    .extract().path("challengeToken");
            // the next time step's code: within the accepted tolerance, and not the one enrolment used
            String accessToken = given().contentType(ContentType.JSON)
                    .body(Map.of("challengeToken", challenge, "code", TotpCodes.at(secret, 1)))
                    .post("/api/v1/auth/login/two-factor").then().statusCode(200)
                    .body("status", equalTo("authenticated")).extract().path("accessToken");
            assertThat(Jwts.claims(accessToken).path("amr").toString()).isEqualTo("[\"sso\",\"otp\"]");
        }
    }

    @Test
    void wrongCodesAcrossSeveralSsoCallbacksHitTheAccountsThrottleLikeThePasswordPath() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            Fixtures.SecondFactor factor = Fixtures.enrolTotp(c.member().accessToken());
            String wrong = TotpCodes.at(factor.secret(), 1).equals("000000") ? "111111" : "000000";
            // each sign-on opens a fresh challenge; one wrong code each. The account allows five free failures, then
            // waits 1 s, 2 s, 4 s ... between attempts: a Keycloak round trip takes a few seconds, so the delays soon
            // outgrow it, as they would for password attempts at that pace
            int allowed = 0;
            int status = 200;
            while (status == 200 && allowed < 12) {
                Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), c.member().email());
                ValidatableResponse answer = callback(redirect.get("state"), redirect.get("code"));
                status = answer.extract().statusCode();
                if (status == 200) {
                    allowed++;
                    String challenge = answer.body("status", equalTo("two_factor_required")).extract().path("challengeToken");
                    given().contentType(ContentType.JSON).body(Map.of("challengeToken", challenge, "code", wrong))
                            .post("/api/v1/auth/login/two-factor").then().statusCode(401);
                } else {
                    answer.statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                            .body("type", equalTo("https://lexguard.dev/problems/too-many-requests"));
                }
            }
            assertThat(status).isEqualTo(429);
            assertThat(allowed).isBetween(5, 9);
            Fixtures.login(c.member().email(), c.member().password(), Fixtures.uniqueIp()).statusCode(429);
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.signin.failed",
                        e -> e.path("data").path("userId").asText().equals(c.member().userId())
                                && e.path("data").path("reason").asText().equals("account_throttled"));
            }
        }
    }

    @Test
    void anEmailKeycloakDoesNotCallVerifiedSignsNobodyIn() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            // drift: a Keycloak administrator marks the email unverified
            var account = realm.user(c.accountId()).toRepresentation();
            account.setEmailVerified(false);
            realm.user(c.accountId()).update(account);
            Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), c.member().email());
            callback(redirect.get("state"), redirect.get("code")).statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/sso-email-unverified"));
            assertThat(Db.rows("select 1 from session where user_id = ?::uuid and ended_at is null and amr = 'sso'",
                    c.member().userId())).isEmpty();
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.signin.failed",
                        e -> e.path("data").path("userId").asText().equals(c.member().userId())
                                && e.path("data").path("reason").asText().equals("sso_email_unverified"));
            }
        }
    }

    @Test
    void aVerifiedEmailOfAUserThisRealmNeverHadIsNotEnough() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            // a LexGuard user whose Keycloak account LexGuard did not make or link: same email, made in Keycloak
            Db.update("delete from keycloak_user_link where user_id = ?::uuid", c.member().userId());
            realm.user(c.accountId()).remove();
            realm.createUser(c.member().email(), KEYCLOAK_PASSWORD);
            Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), c.member().email());
            callback(redirect.get("state"), redirect.get("code")).statusCode(403)
                    .body("type", equalTo("https://lexguard.dev/problems/sso-unknown-user"));
        }
    }

    @Test
    void whenTheFirmRequiresTwoFactorAnSsoSignInWithoutItLeadsToEnrolment() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            given().auth().oauth2(Jwts.steppedUp(c.firm().accessToken())).contentType(ContentType.JSON)
                    .body(Map.of("required", true, "graceDays", 0)).put("/api/v1/two-factor/policy").then().statusCode(200);

            Map<String, String> redirect = signInAtKeycloak(c.firm().firmId(), c.member().email());
            String token = callback(redirect.get("state"), redirect.get("code")).statusCode(200)
                    .body("status", equalTo("two_factor_enrollment_required"))
                    .body("accessToken", equalTo(null))
                    .extract().path("enrollmentToken");
            String secret = given().contentType(ContentType.JSON).body(Map.of("enrollmentToken", token))
                    .post("/api/v1/two-factor/enrolment-token").then().statusCode(200).extract().path("secret");
            String accessToken = given().contentType(ContentType.JSON)
                    .body(Map.of("enrollmentToken", token, "code", TotpCodes.now(secret)))
                    .post("/api/v1/two-factor/enrolment-token/confirm").then().statusCode(200)
                    .body("status", equalTo("authenticated")).extract().path("accessToken");
            // the session names the factor that opened it: Keycloak, then the newly enrolled TOTP
            assertThat(Jwts.claims(accessToken).path("amr").toString()).isEqualTo("[\"sso\",\"otp\"]");
        }
    }

    private static ValidatableResponse trust(String accessToken, Object body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(body)
                .put("/api/v1/firms/keycloak/second-factor-trust").then();
    }

    private static long trustEvents(String firmId) {
        return ((Number) Db.row("select count(*) as n from lexguard_outbox where firm_id = ?::uuid and event_type ="
                + " 'dev.lexguard.identity.keycloak.secondFactorTrustChanged'", firmId).get("n")).longValue();
    }

    @Test
    void onlyTheOwnerWithAFreshSecondFactorLetsKeycloaksStandInAndAnotherRealmClearsIt() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        String owner = Jwts.steppedUp(firm.accessToken());
        trust(owner, Map.of("trusted", true)).statusCode(404).contentType("application/problem+json");
        try (TestRealm realm = TestRealm.create(keycloak); TestRealm other = TestRealm.create(keycloak)) {
            KeycloakConnectionResourceTest.connect(firm, realm.connectBody()).statusCode(200)
                    .body("secondFactorTrust.trusted", equalTo(false));

            // an administrator who is not the owner, stepped up: refused before the step-up is even looked at
            String administrator = Jwts.steppedUpWithGroups(member.accessToken(), java.util.Set.of("administrator"));
            trust(administrator, Map.of("trusted", true)).statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/owner-only"));
            trust(member.accessToken(), Map.of("trusted", true)).statusCode(403)
                    .body("type", equalTo("https://lexguard.dev/problems/owner-only"));
            // the owner without a fresh second factor
            trust(firm.accessToken(), Map.of("trusted", true)).statusCode(403)
                    .body("type", equalTo("https://lexguard.dev/problems/step-up-required"));
            trust(owner, Map.of()).statusCode(400).contentType("application/problem+json");
            trust(owner, Map.of("trusted", "maybe")).statusCode(400).contentType("application/problem+json");
            assertThat(Db.row("select second_factor_trusted_at from keycloak_connection where firm_id = ?::uuid",
                    firm.firmId()).get("second_factor_trusted_at")).isNull();
            assertThat(trustEvents(firm.firmId())).isZero();

            trust(owner, Map.of("trusted", true)).statusCode(200)
                    .body("secondFactorTrust.trusted", equalTo(true))
                    .body("secondFactorTrust.by", equalTo(firm.ownerId()))
                    .body("secondFactorTrust.since", org.hamcrest.Matchers.notNullValue());
            trust(owner, Map.of("trusted", true)).statusCode(200).body("secondFactorTrust.trusted", equalTo(true));
            assertThat(trustEvents(firm.firmId())).as("a choice made twice is one change").isEqualTo(1);
            try (IdentityTopic topic = new IdentityTopic()) {
                JsonNode changed = topic.await("dev.lexguard.identity.keycloak.secondFactorTrustChanged",
                        e -> e.path("firmid").asText().equals(firm.firmId()));
                assertThat(changed.path("data").path("trusted").asBoolean()).isTrue();
                assertThat(changed.path("data").path("reason").asText()).isEqualTo("owner");
                assertThat(changed.path("data").path("acceptedAmr").toString())
                        .isEqualTo("[\"otp\",\"hwk\",\"swk\",\"mfa\"]");
                assertThat(changed.path("actorid").asText()).isEqualTo(firm.ownerId());
            }

            // connecting again to the same realm keeps the owner's choice; another realm is another provider
            KeycloakConnectionResourceTest.connect(firm, realm.connectBody()).statusCode(200)
                    .body("secondFactorTrust.trusted", equalTo(true));
            KeycloakConnectionResourceTest.connect(firm, other.connectBody()).statusCode(200)
                    .body("secondFactorTrust.trusted", equalTo(false))
                    .body("secondFactorTrust.since", equalTo(null));
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.keycloak.secondFactorTrustChanged",
                        e -> e.path("firmid").asText().equals(firm.firmId())
                                && e.path("data").path("reason").asText().equals("realm-changed")
                                && !e.path("data").path("trusted").asBoolean()
                                && e.path("data").path("realm").asText().equals(realm.name()));
            }
            assertThat(trustEvents(firm.firmId())).isEqualTo(2);
        }
    }

    @Test
    void keycloaksSecondFactorStandsInForLexGuardsOnlyWhereTheOwnerTrustsIt() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm()) {
            realm.referenceMethods();
            realm.requireTotpSetup(c.accountId());
            Fixtures.enrolTotp(c.member().accessToken());
            String email = c.member().email();

            // first sign-on: Keycloak has the user set its TOTP up (a required action: Keycloak checked no second
            // factor); LexGuard asks for its own
            KeycloakBrowser first = new KeycloakBrowser();
            Map<String, String> setUp = first.signInWithOtp(start(c.firm().firmId(), email).statusCode(200).extract()
                    .path("authorizationUrl"), email, KEYCLOAK_PASSWORD, REDIRECT_URI, null, 0);
            byte[] keycloakKey = first.keycloakTotpKey();
            assertThat(keycloakKey).as("Keycloak asked for its TOTP to be set up").isNotNull();
            callback(setUp.get("state"), setUp.get("code")).statusCode(200)
                    .body("status", equalTo("two_factor_required"));

            // second: Keycloak checks its TOTP (amr otp), but the owner has not opted in: LexGuard's factor still
            KeycloakBrowser second = new KeycloakBrowser();
            Map<String, String> withOtp = second.signInWithOtp(start(c.firm().firmId(), email).statusCode(200)
                    .extract().path("authorizationUrl"), email, KEYCLOAK_PASSWORD, REDIRECT_URI, keycloakKey, 0);
            callback(withOtp.get("state"), withOtp.get("code")).statusCode(200)
                    .body("status", equalTo("two_factor_required"))
                    .body("accessToken", equalTo(null));

            long keycloakSignedIn = java.time.Instant.now().getEpochSecond();

            trust(Jwts.steppedUp(c.firm().accessToken()), Map.of("trusted", true)).statusCode(200);

            // the first browser's Keycloak session proved no second factor: trusted or not, LexGuard asks for its own
            Map<String, String> passwordOnly = first.signInAgain(start(c.firm().firmId(), email).statusCode(200)
                    .extract().path("authorizationUrl"), REDIRECT_URI);
            callback(passwordOnly.get("state"), passwordOnly.get("code")).statusCode(200)
                    .body("status", equalTo("two_factor_required"));

            // the second browser's Keycloak session signs on again without a prompt; Keycloak names the TOTP it
            // checked then: trusted now, the sign-on is complete, and the token says when Keycloak checked it
            Map<String, String> trusted = second.signInAgain(start(c.firm().firmId(), email).statusCode(200).extract()
                    .path("authorizationUrl"), REDIRECT_URI);
            String accessToken = callback(trusted.get("state"), trusted.get("code")).statusCode(200)
                    .body("status", equalTo("authenticated")).extract().path("accessToken");
            JsonNode claims = Jwts.claims(accessToken);
            assertThat(claims.path("amr").toString()).isEqualTo("[\"sso\",\"mfa\"]");
            assertThat(claims.path("auth_time").asLong()).isLessThanOrEqualTo(keycloakSignedIn)
                    .isGreaterThan(keycloakSignedIn - 60);
            assertThat(claims.path("session_start").asLong()).isGreaterThanOrEqualTo(keycloakSignedIn);
            try (IdentityTopic topic = new IdentityTopic()) {
                topic.await("dev.lexguard.identity.session.started",
                        e -> e.path("data").path("sessionId").asText().equals(claims.path("sid").asText())
                                && e.path("data").path("amr").toString().equals("[\"sso\",\"mfa\"]"));
            }

            // "this wasn't me" demands a new LexGuard factor: Keycloak's does not stand in for it
            Db.update("update app_user set two_factor_reenrolment_required = true where id = ?::uuid",
                    c.member().userId());
            Map<String, String> afterNotMe = second.signInAgain(start(c.firm().firmId(), email).statusCode(200)
                    .extract().path("authorizationUrl"), REDIRECT_URI);
            callback(afterNotMe.get("state"), afterNotMe.get("code")).statusCode(200)
                    .body("status", equalTo("two_factor_required"));
            // (the same Keycloak session still names its TOTP: once re-enrolled, it stands in again)
            Db.update("update app_user set two_factor_reenrolment_required = false where id = ?::uuid",
                    c.member().userId());
            Map<String, String> reenrolled = second.signInAgain(start(c.firm().firmId(), email).statusCode(200)
                    .extract().path("authorizationUrl"), REDIRECT_URI);
            callback(reenrolled.get("state"), reenrolled.get("code")).statusCode(200)
                    .body("status", equalTo("authenticated"));
        }
    }

    @Test
    void unknownStatesAndFirmsWithoutSsoAreRefused() {
        TestFirm firm = Fixtures.firm();
        callback("lgs_" + "A".repeat(43), "some-code").statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-sso-state"));
        callback("not a state", "some-code").statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("state", "lgs_x")).post("/api/v1/auth/sso/callback")
                .then().statusCode(400).contentType("application/problem+json");
        start(firm.firmId(), null).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/sso-not-available"));
        start(UUID.randomUUID().toString(), null).statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("loginHint", "x@example.com")).post("/api/v1/auth/sso/start")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"firmId\":\"not-a-uuid\"}").post("/api/v1/auth/sso/start")
                .then().statusCode(400);
    }

    @Test
    void tamperedOrForeignIdTokensAreRefused() throws Exception {
        Connected c = connected();
        try (TestRealm realm = c.realm(); TestRealm other = TestRealm.create(keycloak)) {
            String issuer = keycloak.url() + "/realms/" + realm.name();
            String genuine = idToken(realm, c.member().email());

            // the genuine token passes signature, issuer, audience and expiry: only the nonce is not this sign-in's
            assertThat(reason(genuine, issuer, "admin-cli", "another-sign-ins-nonce"))
                    .isEqualTo(InvalidIdTokenException.Reason.NONCE);
            assertThat(reason(genuine, issuer, "lexguard", "n")).isEqualTo(InvalidIdTokenException.Reason.AUDIENCE);

            String[] parts = genuine.split("\\.");
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            String forged = ((ObjectNode) payload)
                    .put("email", "ceo@firm.example").put("sub", UUID.randomUUID().toString()).toString();
            String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            assertThat(reason(tampered, issuer, "admin-cli", "n")).isEqualTo(InvalidIdTokenException.Reason.SIGNATURE);

            String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
            assertThat(reason(unsigned, issuer, "admin-cli", "n")).isIn(InvalidIdTokenException.Reason.MALFORMED,
                    InvalidIdTokenException.Reason.SIGNATURE);

            other.createUser(c.member().email(), KEYCLOAK_PASSWORD);
            String foreign = idToken(other, c.member().email());
            assertThat(reason(foreign, issuer, "admin-cli", "n")).isNotEqualTo(InvalidIdTokenException.Reason.NONCE);
            assertThat(reason(genuine, keycloak.url() + "/realms/" + other.name(), "admin-cli", "n"))
                    .isNotEqualTo(InvalidIdTokenException.Reason.NONCE);
        }
    }

    private InvalidIdTokenException.Reason reason(String token, String issuer, String audience, String nonce) {
        InvalidIdTokenException e = catchThrowableOfType(InvalidIdTokenException.class,
                () -> verifier.verify(token, issuer, audience, nonce));
        assertThat(e).as("the token must be refused").isNotNull();
        return e.reason();
    }

    /** A real ID token of the realm, for its admin-cli client (direct grant, as a script would get one). */
    private static String idToken(TestRealm realm, String username) throws Exception {
        HttpResponse<String> answer = realm.directGrant(username, KEYCLOAK_PASSWORD);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("id_token").asText();
    }

    private static long sessionsOf(String userId) {
        return ((Number) Db.row("select count(*) as n from session where user_id = ?::uuid", userId).get("n")).longValue();
    }
}
