package dev.lexguard.identity.twofactor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Two keys are configured in %test: {@code test-1} (active) and {@code test-0} (retired). A secret sealed under
 * test-0 is re-sealed under test-1 by the pass that runs at start-up (called here directly), and still works.
 */
@QuarkusTest
class SecretReencryptionTest {

    @Inject
    SecretReencryption reencryption;

    private static SecretBox retiredKeyOnly() {
        String key = ConfigProvider.getConfig().getValue("lexguard.identity.two-factor.keys.\"test-0\"", String.class);
        return new SecretBox(Map.of("test-0", key), "test-0");
    }

    private static String column(String column, String userId) {
        Object value = Db.row("select " + column + " as v from two_factor where user_id = ?", UUID.fromString(userId)).get("v");
        return value == null ? null : value.toString();
    }

    @Test
    void secretsSealedUnderARetiredKeyAreResealedUnderTheActiveOneAndStillWork() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Member pending = Fixtures.member(firm);
        UUID userId = UUID.fromString(member.userId());
        UUID pendingId = UUID.fromString(pending.userId());

        // an active factor and a pending enrolment, both sealed under the retired key, as before a rotation
        TotpSecret secret = TotpSecret.generate();
        String old = retiredKeyOnly().encrypt(secret, userId);
        assertThat(old).startsWith("v1.test-0.");
        Db.update("insert into two_factor (user_id, firm_id, active_secret, enabled_at) values (?, ?, ?, now())",
                userId, UUID.fromString(firm.firmId()), old);
        String oldPending = retiredKeyOnly().encrypt(TotpSecret.generate(), pendingId);
        Db.update("insert into two_factor (user_id, firm_id, pending_secret, pending_since) values (?, ?, ?, now())",
                pendingId, UUID.fromString(firm.firmId()), oldPending);

        assertThat(reencryption.run()).isGreaterThanOrEqualTo(2);

        String now = column("active_secret", member.userId());
        assertThat(now).startsWith("v1.test-1.").isNotEqualTo(old);
        assertThat(column("pending_secret", pending.userId())).startsWith("v1.test-1.");
        assertThat(reencryption.run()).isZero();

        // the re-sealed secret still opens and signs in
        String challenge = Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .extract().path("challengeToken");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("challengeToken", challenge, "code", new Authenticator(secret.base32()).code()))
                .post("/api/v1/auth/login/two-factor").then().statusCode(200);
    }

    @Test
    void aSecretNoConfiguredKeyOpensIsLeftAloneAndDoesNotStopThePass() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        UUID userId = UUID.fromString(member.userId());
        String unknown = new SecretBox(Map.of("gone", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), "gone")
                .encrypt(TotpSecret.generate(), userId);
        Db.update("insert into two_factor (user_id, firm_id, active_secret, enabled_at) values (?, ?, ?, now())",
                userId, UUID.fromString(firm.firmId()), unknown);
        reencryption.run();
        assertThat(column("active_secret", member.userId())).isEqualTo(unknown);
        // not left for later starts to trip over
        Db.update("delete from two_factor where user_id = ?", userId);
    }
}
