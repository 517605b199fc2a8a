package dev.lexguard.identity.twofactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords: RFC 6238 on top of the HOTP of RFC 4226, with T0 = 0. Immutable and
 * thread-safe. {@link #Totp()} is what LexGuard enrols with (HMAC-SHA1, 6 digits, 30 s), the only
 * combination every authenticator app honours.
 */
public final class Totp {

    public static final TotpAlgorithm DEFAULT_ALGORITHM = TotpAlgorithm.SHA1;
    public static final int DEFAULT_DIGITS = 6;
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    /** One step either side absorbs clock drift and a code typed just as it changed (RFC 6238 section 5.2). */
    public static final int DEFAULT_WINDOW = 1;

    /** Pass as {@code lastAcceptedStep} for a user who has never had a code accepted. */
    public static final long NO_ACCEPTED_STEP = Long.MIN_VALUE;

    // Each extra step of window multiplies an attacker's chance per guess; more than a few is a mistake.
    private static final int MAX_WINDOW = 10;

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final TotpAlgorithm algorithm;
    private final int digits;
    private final long periodSeconds;

    /** HMAC-SHA1, 6 digits, 30 seconds. */
    public Totp() {
        this(DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD);
    }

    /**
     * @param digits 6 to 8 (RFC 4226 section 5.3 requires at least 6; the Key Uri Format allows 6 or 8)
     * @param period a whole number of seconds, at least one
     */
    public Totp(TotpAlgorithm algorithm, int digits, Duration period) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6, 7 or 8");
        }
        if (period.isNegative() || period.isZero() || period.getNano() != 0) {
            throw new IllegalArgumentException("period must be a positive whole number of seconds");
        }
        this.digits = digits;
        this.periodSeconds = period.getSeconds();
    }

    public TotpAlgorithm algorithm() {
        return algorithm;
    }

    public int digits() {
        return digits;
    }

    public Duration period() {
        return Duration.ofSeconds(periodSeconds);
    }

    /** The RFC 6238 time step T of {@code instant}: whole periods since the Unix epoch. */
    public long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), periodSeconds);
    }

    /** The code for the step that contains {@code instant}, zero-padded to {@link #digits()}. */
    public String generate(TotpSecret secret, Instant instant) {
        return generateForStep(secret, timeStep(instant));
    }

    /** The code for time step {@code step} (the HOTP value for counter {@code step}). */
    public String generateForStep(TotpSecret secret, long step) {
        return new String(code(mac(secret), step), StandardCharsets.US_ASCII);
    }

    /**
     * Checks {@code code} against the steps within {@link #DEFAULT_WINDOW} of {@code now}.
     *
     * @see #verify(TotpSecret, String, Instant, int, long)
     */
    public TotpVerification verify(TotpSecret secret, String code, Instant now, long lastAcceptedStep) {
        return verify(secret, code, now, DEFAULT_WINDOW, lastAcceptedStep);
    }

    /**
     * Checks {@code code} against every step from {@code window} steps before {@code now} to
     * {@code window} steps after it. The code must be exactly {@link #digits()} ASCII digits;
     * surrounding whitespace is ignored, anything else (inner spaces, other scripts' digits, null)
     * is {@link TotpVerification.Outcome#INVALID}, never an exception.
     *
     * @param lastAcceptedStep the step of the user's last accepted code, or {@link #NO_ACCEPTED_STEP};
     *     a code matching this step or an earlier one is {@link TotpVerification.Outcome#REPLAYED}
     */
    public TotpVerification verify(TotpSecret secret, String code, Instant now, int window, long lastAcceptedStep) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(now, "now");
        if (window < 0 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be between 0 and " + MAX_WINDOW);
        }
        byte[] candidate = parse(code);
        if (candidate == null) {
            return TotpVerification.invalid();
        }
        Mac mac = mac(secret);
        long current = timeStep(now);
        // Every step in the window is computed and compared, so the time taken does not say which step
        // matched. The latest matching step wins: accepting an earlier one would leave the same code
        // acceptable again at the later step.
        long matched = Long.MIN_VALUE;
        boolean found = false;
        for (long step = current - window; step <= current + window; step++) {
            if (MessageDigest.isEqual(code(mac, step), candidate)) {
                matched = step;
                found = true;
            }
        }
        if (!found) {
            return TotpVerification.invalid();
        }
        return matched > lastAcceptedStep ? TotpVerification.accepted(matched) : TotpVerification.replayed(matched);
    }

    private byte[] parse(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.strip();
        if (trimmed.length() != digits) {
            return null;
        }
        byte[] ascii = new byte[digits];
        for (int i = 0; i < digits; i++) {
            char c = trimmed.charAt(i);
            // Character.isDigit would let Arabic-Indic and other digits through.
            if (c < '0' || c > '9') {
                return null;
            }
            ascii[i] = (byte) c;
        }
        return ascii;
    }

    private Mac mac(TotpSecret secret) {
        try {
            Mac mac = Mac.getInstance(algorithm.macName());
            mac.init(new SecretKeySpec(secret.bytes(), algorithm.macName()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.macName(), e);
        }
    }

    private byte[] code(Mac mac, long step) {
        byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        // Dynamic truncation, RFC 4226 section 5.3.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        int value = binary % POWERS_OF_TEN[digits];
        byte[] ascii = new byte[digits];
        for (int i = digits - 1; i >= 0; i--) {
            ascii[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return ascii;
    }
}
