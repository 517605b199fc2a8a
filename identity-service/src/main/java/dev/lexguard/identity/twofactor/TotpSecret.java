package dev.lexguard.identity.twofactor;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The shared key of a TOTP enrolment. Generated secrets have 160 bits, the HMAC-SHA1 output length
 * RFC 4226 section 4 recommends. The bytes are copied in and out so no caller can change a secret
 * another holds, and {@link #toString()} never shows them, so a secret that reaches a log line or an
 * exception message stays hidden.
 */
public final class TotpSecret {

    /** 160 bits. */
    public static final int GENERATED_LENGTH_BYTES = 20;

    // RFC 4226 section 4 R6: the shared secret must be at least 128 bits.
    private static final int MINIMUM_LENGTH_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private TotpSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new random 160-bit secret. */
    public static TotpSecret generate() {
        return generate(RANDOM);
    }

    /** A new random 160-bit secret from {@code random}. */
    public static TotpSecret generate(SecureRandom random) {
        byte[] bytes = new byte[GENERATED_LENGTH_BYTES];
        random.nextBytes(bytes);
        return new TotpSecret(bytes);
    }

    /**
     * A secret from raw bytes (copied).
     *
     * @throws IllegalArgumentException if shorter than 128 bits
     */
    public static TotpSecret fromBytes(byte[] bytes) {
        if (bytes.length < MINIMUM_LENGTH_BYTES) {
            throw new IllegalArgumentException("a TOTP secret must have at least 128 bits");
        }
        return new TotpSecret(bytes.clone());
    }

    /**
     * A secret from its Base32 form; see {@link Base32#decode(CharSequence)} for what is tolerated.
     *
     * @throws IllegalArgumentException if not valid Base32 or shorter than 128 bits
     */
    public static TotpSecret fromBase32(String base32) {
        return fromBytes(Base32.decode(base32));
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The unpadded upper-case Base32 form, as the otpauth URI and manual entry in an app want it. */
    public String base32() {
        return Base32.encode(bytes);
    }

    public int lengthBytes() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TotpSecret that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TotpSecret[redacted]";
    }
}
