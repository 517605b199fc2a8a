package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.identity.twofactor.TotpVerification.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final TotpSecret SHA1_SEED = seed("12345678901234567890");
    private static final TotpSecret SHA256_SEED = seed("12345678901234567890123456789012");
    private static final TotpSecret SHA512_SEED = seed("1234567890123456789012345678901234567890123456789012345678901234");

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:10Z");

    private final Totp totp = new Totp();
    // Fixed, so that no check can pass or fail by a one-in-a-million coincidence of two codes.
    private final TotpSecret secret = TotpSecret.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

    /** RFC 6238 Appendix B: every time, every algorithm, 8 digits. */
    @ParameterizedTest(name = "{1} at {0} -> {2}")
    @CsvSource({
        "59, SHA1, 94287082",
        "59, SHA256, 46119246",
        "59, SHA512, 90693936",
        "1111111109, SHA1, 07081804",
        "1111111109, SHA256, 68084774",
        "1111111109, SHA512, 25091201",
        "1111111111, SHA1, 14050471",
        "1111111111, SHA256, 67062674",
        "1111111111, SHA512, 99943326",
        "1234567890, SHA1, 89005924",
        "1234567890, SHA256, 91819424",
        "1234567890, SHA512, 93441116",
        "2000000000, SHA1, 69279037",
        "2000000000, SHA256, 90698825",
        "2000000000, SHA512, 38618901",
        "20000000000, SHA1, 65353130",
        "20000000000, SHA256, 77737706",
        "20000000000, SHA512, 47863826",
    })
    void rfc6238AppendixBVectorsPass(long epochSecond, TotpAlgorithm algorithm, String expected) {
        Totp eightDigits = new Totp(algorithm, 8, Duration.ofSeconds(30));
        TotpSecret seed = switch (algorithm) {
            case SHA1 -> SHA1_SEED;
            case SHA256 -> SHA256_SEED;
            case SHA512 -> SHA512_SEED;
        };
        Instant time = Instant.ofEpochSecond(epochSecond);

        assertThat(eightDigits.generate(seed, time)).isEqualTo(expected);
        assertThat(eightDigits.verify(seed, expected, time, 0, Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
    }

    @Test
    void rfc6238TimeStepsMatchAppendixB() {
        assertThat(totp.timeStep(Instant.ofEpochSecond(59))).isEqualTo(0x1L);
        assertThat(totp.timeStep(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523ECL);
        assertThat(totp.timeStep(Instant.ofEpochSecond(20000000000L))).isEqualTo(0x27BC86AAL);
    }

    @Test
    void defaultsAreSha1SixDigitsThirtySeconds() {
        assertThat(totp.algorithm()).isEqualTo(TotpAlgorithm.SHA1);
        assertThat(totp.digits()).isEqualTo(6);
        assertThat(totp.period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(totp.generate(SHA1_SEED, Instant.ofEpochSecond(59))).isEqualTo("287082");
    }

    @Test
    void currentCodeIsAcceptedWithItsStep() {
        String code = totp.generate(secret, NOW);

        TotpVerification result = totp.verify(secret, code, NOW, Totp.NO_ACCEPTED_STEP);

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(result.matchedStep()).hasValue(totp.timeStep(NOW));
    }

    @Test
    void codesOneStepEitherSideAreAccepted() {
        long step = totp.timeStep(NOW);

        assertThat(totp.verify(secret, totp.generateForStep(secret, step - 1), NOW, Totp.NO_ACCEPTED_STEP).matchedStep())
                .hasValue(step - 1);
        assertThat(totp.verify(secret, totp.generateForStep(secret, step + 1), NOW, Totp.NO_ACCEPTED_STEP).matchedStep())
                .hasValue(step + 1);
    }

    @Test
    void codesTwoStepsAwayAreInvalid() {
        long step = totp.timeStep(NOW);

        assertThat(totp.verify(secret, totp.generateForStep(secret, step - 2), NOW, Totp.NO_ACCEPTED_STEP).outcome())
                .isEqualTo(Outcome.INVALID);
        assertThat(totp.verify(secret, totp.generateForStep(secret, step + 2), NOW, Totp.NO_ACCEPTED_STEP).outcome())
                .isEqualTo(Outcome.INVALID);
    }

    @Test
    void windowZeroAcceptsOnlyTheCurrentStep() {
        long step = totp.timeStep(NOW);

        assertThat(totp.verify(secret, totp.generateForStep(secret, step), NOW, 0, Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
        assertThat(totp.verify(secret, totp.generateForStep(secret, step - 1), NOW, 0, Totp.NO_ACCEPTED_STEP).isInvalid()).isTrue();
    }

    @Test
    void wrongCodeIsInvalid() {
        String code = totp.generate(secret, NOW);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);

        TotpVerification result = totp.verify(secret, wrong, NOW, Totp.NO_ACCEPTED_STEP);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.matchedStep()).isEmpty();
    }

    @Test
    void codeOfAnotherSecretIsInvalid() {
        String code = totp.generate(SHA256_SEED, NOW);

        assertThat(totp.verify(SHA1_SEED, code, NOW, Totp.NO_ACCEPTED_STEP).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void replayedTotpCodeIsRejected() {
        String code = totp.generate(secret, NOW);

        TotpVerification first = totp.verify(secret, code, NOW, Totp.NO_ACCEPTED_STEP);
        TotpVerification second = totp.verify(secret, code, NOW.plusSeconds(5), first.matchedStep().getAsLong());

        assertThat(first.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(second.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(second.matchedStep()).isEqualTo(first.matchedStep());
    }

    @Test
    void replayedCodeIsRejectedInTheNextStepToo() {
        String code = totp.generate(secret, NOW);
        long accepted = totp.verify(secret, code, NOW, Totp.NO_ACCEPTED_STEP).matchedStep().getAsLong();

        assertThat(totp.verify(secret, code, NOW.plusSeconds(30), accepted).outcome()).isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void olderStepAfterANewerOneIsReplayed() {
        long step = totp.timeStep(NOW);
        String newer = totp.generateForStep(secret, step);
        String older = totp.generateForStep(secret, step - 1);
        long accepted = totp.verify(secret, newer, NOW, Totp.NO_ACCEPTED_STEP).matchedStep().getAsLong();

        TotpVerification result = totp.verify(secret, older, NOW, accepted);

        assertThat(result.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(result.matchedStep()).hasValue(step - 1);
    }

    @Test
    void laterStepAfterAnEarlierOneIsAccepted() {
        long step = totp.timeStep(NOW);

        TotpVerification result = totp.verify(secret, totp.generateForStep(secret, step), NOW, step - 1);

        assertThat(result.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(result.matchedStep()).hasValue(step);
    }

    @Test
    void surroundingWhitespaceIsTolerated() {
        String code = totp.generate(secret, NOW);

        assertThat(totp.verify(secret, "  " + code + "\n", NOW, Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
        assertThat(totp.verify(secret, "\t" + code, NOW, Totp.NO_ACCEPTED_STEP).isAccepted()).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
        "12345",
        "1234567",
        "12345a",
        "abcdef",
        "١٢٣٤٥٦",
        "１２３４５６",
        "123 456",
        "123-456",
        "+12345",
        "-12345",
        "      ",
        "12345\u0000",
    })
    void malformedCodeIsInvalidWithoutAnException(String code) {
        TotpVerification result = totp.verify(secret, code, NOW, Totp.NO_ACCEPTED_STEP);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.matchedStep()).isEmpty();
    }

    @Test
    void unicodeDigitsOfTheRightValueAreInvalid() {
        String code = totp.generate(secret, NOW);
        StringBuilder arabicIndic = new StringBuilder();
        for (char c : code.toCharArray()) {
            arabicIndic.append((char) ('\u0660' + (c - '0')));
        }

        assertThat(totp.verify(secret, arabicIndic.toString(), NOW, Totp.NO_ACCEPTED_STEP).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void codeWithSpaceInsideIsInvalid() {
        String code = totp.generate(secret, NOW);

        assertThat(totp.verify(secret, code.substring(0, 3) + " " + code.substring(3), NOW, Totp.NO_ACCEPTED_STEP).outcome())
                .isEqualTo(Outcome.INVALID);
    }

    @Test
    void generatedCodesAreSixAsciiDigits() {
        for (int i = 0; i < 200; i++) {
            assertThat(totp.generate(secret, NOW.plusSeconds(30L * i))).matches("[0-9]{6}");
        }
    }

    @Test
    void unreasonableWindowIsRejected() {
        assertThatThrownBy(() -> totp.verify(secret, "123456", NOW, -1, Totp.NO_ACCEPTED_STEP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> totp.verify(secret, "123456", NOW, 11, Totp.NO_ACCEPTED_STEP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsupportedParametersAreRejected() {
        assertThatThrownBy(() -> new Totp(TotpAlgorithm.SHA1, 5, Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(TotpAlgorithm.SHA1, 9, Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(TotpAlgorithm.SHA1, 6, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(TotpAlgorithm.SHA1, 6, Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    }

    private static TotpSecret seed(String ascii) {
        return TotpSecret.fromBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
