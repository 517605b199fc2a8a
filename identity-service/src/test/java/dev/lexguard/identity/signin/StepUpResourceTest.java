package dev.lexguard.identity.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.SecondFactor;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.IdentityTopic;
import dev.lexguard.identity.Jwts;
import dev.lexguard.identity.TotpCodes;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StepUpResourceTest {

    @BeforeEach
    void forgetLocalClientFailures() {
        Fixtures.forgetLocalClientFailures();
    }

    private record Enrolled(TestFirm firm, Member member, SecondFactor factor) {
    }

    private static Enrolled enrolled() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        return new Enrolled(firm, member, Fixtures.enrolTotp(member.accessToken()));
    }

    @Test
    void totpStepUpGivesAFreshTokenOfTheSameSessionThatARefreshKeeps() {
        Enrolled user = enrolled();
        long signedInAt = Jwts.claims(user.member().accessToken()).path("auth_time").asLong();
        long before = Instant.now().getEpochSecond();

        String token = Fixtures.stepUp(user.member().accessToken(), Map.of("code", TotpCodes.at(user.factor().secret(), 1)))
                .statusCode(200).header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer")).body("sessionId", equalTo(user.member().sessionId()))
                .body("amr", equalTo(List.of("pwd", "otp"))).body("authTime", notNullValue())
                .extract().path("accessToken");

        JsonNode claims = Jwts.claims(token);
        assertThat(claims.path("sid").asText()).isEqualTo(user.member().sessionId());
        assertThat(claims.path("sub").asText()).isEqualTo(user.member().userId());
        assertThat(claims.path("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
        assertThat(claims.path("auth_time").asLong()).isGreaterThanOrEqualTo(before).isGreaterThanOrEqualTo(signedInAt);
        // the session's sign-in stays what revocation watermarks are compared with
        assertThat(claims.path("session_start").asLong()).isEqualTo(signedInAt);

        // the session remembers the step-up: the next refresh's token still proves it, with the same auth_time
        String refreshed = Fixtures.refresh(user.member().refreshToken()).statusCode(200).extract().path("accessToken");
        assertThat(Jwts.claims(refreshed).path("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
        assertThat(Jwts.claims(refreshed).path("auth_time").asLong()).isEqualTo(claims.path("auth_time").asLong());

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode event = topic.await("dev.lexguard.identity.stepup.succeeded",
                    e -> e.path("subject").asText().equals(user.member().userId()));
            assertThat(event.path("data").path("sessionId").asText()).isEqualTo(user.member().sessionId());
            assertThat(event.path("data").path("method").asText()).isEqualTo("otp");
            assertThat(event.toString()).doesNotContain(TotpCodes.at(user.factor().secret(), 1));
        }
    }

    @Test
    void recoveryCodeStepsUpWithAmrRecAndWorksOnce() {
        Enrolled user = enrolled();
        String recovery = user.factor().recoveryCodes().get(0);
        String token = Fixtures.stepUp(user.member().accessToken(), Map.of("recoveryCode", recovery)).statusCode(200)
                .extract().path("accessToken");
        assertThat(Jwts.claims(token).path("amr").toString()).isEqualTo("[\"pwd\",\"rec\"]");

        Fixtures.stepUp(user.member().accessToken(), Map.of("recoveryCode", recovery)).statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-second-factor"));
    }

    @Test
    void replayedTotpCodeIsRefused() {
        Enrolled user = enrolled();
        String code = TotpCodes.at(user.factor().secret(), 1);
        Fixtures.stepUp(user.member().accessToken(), Map.of("code", code)).statusCode(200);
        Fixtures.stepUp(user.member().accessToken(), Map.of("code", code)).statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-second-factor"));
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.stepup.failed", e -> e.path("subject").asText()
                    .equals(user.member().userId()) && e.path("data").path("reason").asText().equals("replayed_code"));
        }
    }

    @Test
    void wrongCodesCountAgainstTheAccountsSignInThrottle() {
        Enrolled user = enrolled();
        String wrong = TotpCodes.at(user.factor().secret(), 1).equals("000000") ? "111111" : "000000";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(Fixtures.stepUp(user.member().accessToken(), Map.of("code", wrong)).extract().statusCode());
        }
        // five free failures, as for sign-in; the sixth guess waits
        assertThat(statuses).containsExactly(403, 403, 403, 403, 403, 429);
        Fixtures.stepUp(user.member().accessToken(), Map.of("code", TotpCodes.at(user.factor().secret(), 1)))
                .statusCode(429).header("Retry-After", notNullValue());
        // the same counter as the password: sign-in is held back too
        Fixtures.login(user.member().email(), user.member().password(), Fixtures.uniqueIp()).statusCode(429);
        try (IdentityTopic topic = new IdentityTopic()) {
            topic.await("dev.lexguard.identity.stepup.failed", e -> e.path("subject").asText()
                    .equals(user.member().userId()) && e.path("data").path("reason").asText().equals("account_throttled"));
            topic.await("dev.lexguard.identity.stepup.failed", e -> e.path("subject").asText()
                    .equals(user.member().userId()) && e.path("data").path("reason").asText().equals("wrong_code"));
        }
    }

    @Test
    void aUserWithoutASecondFactorIsToldToEnrolFirst() {
        TestFirm firm = Fixtures.firm();
        Fixtures.stepUp(firm.accessToken(), Map.of("code", "123456")).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/second-factor-not-enrolled"));
    }

    @Test
    void anEndedSessionCannotStepUp() {
        Enrolled user = enrolled();
        given().auth().oauth2(user.member().accessToken()).post("/api/v1/auth/logout").then().statusCode(204);
        Fixtures.stepUp(user.member().accessToken(), Map.of("code", TotpCodes.at(user.factor().secret(), 1)))
                .statusCode(401).body("type", equalTo("https://lexguard.dev/problems/session-ended"));
    }

    @Test
    void exactlyOneOfCodeAndRecoveryCode() {
        Enrolled user = enrolled();
        Fixtures.stepUp(user.member().accessToken(), Map.of()).statusCode(400);
        Fixtures.stepUp(user.member().accessToken(), Map.of("code", "123456", "recoveryCode", "ABCD-EFGH-JKLM-NPQR"))
                .statusCode(400);
    }

    @Test
    void withoutATokenThereIsNoStepUp() {
        given().contentType("application/json").body(Map.of("code", "123456")).post("/api/v1/auth/step-up")
                .then().statusCode(401);
    }
}
