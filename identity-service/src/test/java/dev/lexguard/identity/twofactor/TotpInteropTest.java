package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.lexguard.identity.twofactor.TotpVerification.Outcome;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Codes computed by independent implementations from the same secret must verify: com.eatthepath
 * java-otp in process, and the {@code oathtool} program of the OATH Toolkit (Debian package
 * {@code oathtool}), which also proves our Base32 is what other tools read.
 */
class TotpInteropTest {

    // Not the RFC's 59 s: java-otp truncates a negative time towards step 0, so "two steps before 59 s"
    // would not be two steps before.
    private static final List<Instant> INSTANTS = List.of(
            Instant.ofEpochSecond(1_111_111_109),
            Instant.ofEpochSecond(1_234_567_890),
            Instant.ofEpochSecond(2_000_000_000),
            Instant.parse("2026-11-29T12:00:29Z"),
            Instant.parse("2031-02-03T04:05:00Z"));

    private final Totp totp = new Totp();
    // Fixed, so that the "two steps away" checks cannot collide by chance on one run in a million.
    private final TotpSecret secret = TotpSecret.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    private final TimeBasedOneTimePasswordGenerator javaOtp =
            new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    @Test
    void javaOtpCodesVerifyAtSeveralInstants() {
        for (Instant instant : INSTANTS) {
            TotpVerification result = totp.verify(secret, javaOtp(instant), instant, Totp.NO_ACCEPTED_STEP);

            assertThat(result.outcome()).as("at %s", instant).isEqualTo(Outcome.ACCEPTED);
            assertThat(result.matchedStep()).as("at %s", instant).hasValue(instant.getEpochSecond() / 30);
        }
    }

    @Test
    void javaOtpCodesOneStepAwayVerify() {
        for (Instant instant : INSTANTS) {
            assertThat(totp.verify(secret, javaOtp(instant.minusSeconds(30)), instant, 1, Totp.NO_ACCEPTED_STEP).isAccepted())
                    .as("previous step at %s", instant).isTrue();
            assertThat(totp.verify(secret, javaOtp(instant.plusSeconds(30)), instant, 1, Totp.NO_ACCEPTED_STEP).isAccepted())
                    .as("next step at %s", instant).isTrue();
        }
    }

    @Test
    void javaOtpCodesTwoStepsAwayFail() {
        for (Instant instant : INSTANTS) {
            assertThat(totp.verify(secret, javaOtp(instant.minusSeconds(60)), instant, 1, Totp.NO_ACCEPTED_STEP).outcome())
                    .as("two steps back at %s", instant).isEqualTo(Outcome.INVALID);
            assertThat(totp.verify(secret, javaOtp(instant.plusSeconds(60)), instant, 1, Totp.NO_ACCEPTED_STEP).outcome())
                    .as("two steps ahead at %s", instant).isEqualTo(Outcome.INVALID);
        }
    }

    @Test
    void javaOtpCodeVerifiesWithAGeneratedSecret() {
        TotpSecret generated = TotpSecret.generate();
        Instant now = Instant.now();
        String code;
        try {
            code = javaOtp.generateOneTimePasswordString(new SecretKeySpec(generated.bytes(), "HmacSHA1"), now, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new AssertionError(e);
        }

        assertThat(totp.verify(generated, code, now, Totp.NO_ACCEPTED_STEP).matchedStep()).hasValue(totp.timeStep(now));
    }

    @Test
    void ourCodesEqualJavaOtpCodes() {
        for (Instant instant : INSTANTS) {
            assertThat(totp.generate(secret, instant)).as("at %s", instant).isEqualTo(javaOtp(instant));
        }
    }

    @Test
    void oathtoolCodesForFixedInstantsVerify() {
        for (Instant instant : INSTANTS) {
            TotpVerification result = totp.verify(secret, oathtool(instant), instant, Totp.NO_ACCEPTED_STEP);

            assertThat(result.outcome()).as("at %s", instant).isEqualTo(Outcome.ACCEPTED);
            assertThat(result.matchedStep()).as("at %s", instant).hasValue(totp.timeStep(instant));
        }
    }

    @Test
    void oathtoolCodeForNowVerifiesWithAGeneratedSecret() {
        TotpSecret generated = TotpSecret.generate();

        String code = ExternalProgram.run("oathtool", "oathtool", "--totp", "-b", generated.base32());

        assertThat(code).matches("[0-9]{6}");
        assertThat(totp.verify(generated, code, Instant.now(), Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
    }

    @Test
    void oathtoolCodesOneStepAwayVerifyAndTwoStepsAwayFail() {
        Instant instant = INSTANTS.get(3);

        assertThat(totp.verify(secret, oathtool(instant.minusSeconds(30)), instant, Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
        assertThat(totp.verify(secret, oathtool(instant.plusSeconds(30)), instant, Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
        assertThat(totp.verify(secret, oathtool(instant.minusSeconds(60)), instant, Totp.NO_ACCEPTED_STEP).isInvalid()).isTrue();
        assertThat(totp.verify(secret, oathtool(instant.plusSeconds(60)), instant, Totp.NO_ACCEPTED_STEP).isInvalid()).isTrue();
    }

    @Test
    void oathtoolCodeReplayedIsRejected() {
        Instant instant = INSTANTS.get(4);
        String code = oathtool(instant);

        long step = totp.verify(secret, code, instant, Totp.NO_ACCEPTED_STEP).matchedStep().getAsLong();

        assertThat(totp.verify(secret, code, instant.plusSeconds(10), step).outcome()).isEqualTo(Outcome.REPLAYED);
    }

    private String javaOtp(Instant instant) {
        try {
            return javaOtp.generateOneTimePasswordString(new SecretKeySpec(secret.bytes(), "HmacSHA1"), instant, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new AssertionError(e);
        }
    }

    private String oathtool(Instant instant) {
        return ExternalProgram.run("oathtool", "oathtool", "--totp", "-b", "-N", "@" + instant.getEpochSecond(), secret.base32());
    }
}
