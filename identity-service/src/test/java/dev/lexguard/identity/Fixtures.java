package dev.lexguard.identity;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Each test makes its own firm through the public API. */
public final class Fixtures {

    public static final String PASSWORD = "tide clock harbour lantern";

    private Fixtures() {
    }

    /** A firm with its signed-in owner. */
    public record TestFirm(String firmId, String ownerId, String ownerEmail, String password, String accessToken,
            String refreshToken, String sessionId, String clientIp) {
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@firm.example";
    }

    /** A client IP no other test uses, sent as X-Forwarded-For (the test client is a trusted proxy). */
    public static String uniqueIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public static TestFirm firm() {
        String email = uniqueEmail("owner");
        String ip = uniqueIp();
        String firmId = given().contentType(ContentType.JSON)
                .body(Map.of("firmName", "Firm " + UUID.randomUUID(), "ownerName", "Olu Owner", "ownerEmail", email,
                        "password", PASSWORD))
                .post("/api/v1/firms").then().statusCode(201).extract().path("firm.id");
        ValidatableResponse login = login(email, PASSWORD, ip).statusCode(200);
        return new TestFirm(firmId, ownerIdOf(login), email, PASSWORD, login.extract().path("accessToken"), login.extract().path("refreshToken"),
                login.extract().path("sessionId"), ip);
    }

    private static String ownerIdOf(ValidatableResponse login) {
        String token = login.extract().path("accessToken");
        return Jwts.claims(token).path("sub").asText();
    }

    /** A member of the firm who accepted an invitation and signed in. */
    public record Member(String userId, String email, String password, String accessToken, String refreshToken,
            String sessionId) {
    }

    public static final String MAILER_KEY = "test-only-mailer-key";
    public static final String MEMBER_PASSWORD = "quiet river copper lantern";

    /** Invites a user as the firm's owner; returns the new user's id. */
    public static String invite(TestFirm firm, String email, String name) {
        return given().auth().oauth2(firm.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", name)).post("/api/v1/users")
                .then().statusCode(201).extract().path("id");
    }

    /** The invitation id the mailer learns from the user.invited event. */
    public static String invitationIdFromEvent(String userId) {
        try (IdentityTopic topic = new IdentityTopic()) {
            return topic.await("dev.lexguard.identity.user.invited", e -> e.path("subject").asText().equals(userId))
                    .path("data").path("invitationId").asText();
        }
    }

    /** What the mailer does: fetch the one-time link and take the token from its end. */
    public static String mailerToken(String kind, String id) {
        String link = given().header("X-Mailer-Key", MAILER_KEY).post("/internal/v1/mail-links/" + kind + "/" + id)
                .then().statusCode(200).extract().path("link");
        return link.substring(link.lastIndexOf('/') + 1);
    }

    public static Member member(TestFirm firm) {
        String email = uniqueEmail("member");
        String userId = invite(firm, email, "Mia Member");
        String token = mailerToken("invitations", invitationIdFromEvent(userId));
        given().contentType(ContentType.JSON).body(Map.of("password", MEMBER_PASSWORD))
                .post("/api/v1/invitations/" + token).then().statusCode(200);
        ValidatableResponse login = login(email, MEMBER_PASSWORD, uniqueIp()).statusCode(200);
        return new Member(userId, email, MEMBER_PASSWORD, login.extract().path("accessToken"),
                login.extract().path("refreshToken"), login.extract().path("sessionId"));
    }

    /**
     * Requests without X-Forwarded-For come from 127.0.0.1, which every test of every run shares; its failed-attempt
     * counter (kept for an hour after the last failure) is not what those tests are about, and runs in a row would
     * otherwise push it into the IP throttle. SignInResourceTest covers the IP rule with addresses of its own.
     */
    public static void forgetLocalClientFailures() {
        Db.update("delete from signin_throttle where throttle_key = 'ip:127.0.0.1'");
    }

    /** Two-factor turned on for the token's user: the Base32 secret and the recovery codes (the code of now is used). */
    public record SecondFactor(String secret, java.util.List<String> recoveryCodes) {
    }

    public static SecondFactor enrolTotp(String accessToken) {
        String secret = given().auth().oauth2(accessToken).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
        java.util.List<String> codes = given().auth().oauth2(accessToken).contentType(ContentType.JSON)
                .body(Map.of("code", TotpCodes.now(secret)))
                .post("/api/v1/two-factor/enrolment/confirm").then().statusCode(200).extract().path("recoveryCodes");
        return new SecondFactor(secret, codes);
    }

    public static ValidatableResponse stepUp(String accessToken, Map<String, String> body) {
        return given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("X-Forwarded-For", uniqueIp())
                .body(body).post("/api/v1/auth/step-up").then();
    }

    /**
     * A stepped-up access token of the same session, with the next time step's code (the code of now was used by
     * the enrolment; each step is accepted once).
     */
    public static String steppedUp(String accessToken, SecondFactor factor) {
        return stepUp(accessToken, Map.of("code", TotpCodes.at(factor.secret(), 1))).statusCode(200)
                .extract().path("accessToken");
    }

    public static ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", uniqueIp())
                .body(Map.of("refreshToken", refreshToken)).post("/api/v1/auth/refresh").then();
    }

    public static ValidatableResponse login(String email, String password, String ip) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", ip)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then();
    }
}
