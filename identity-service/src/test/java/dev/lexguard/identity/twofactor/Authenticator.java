package dev.lexguard.identity.twofactor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an authenticator app does with the enrolment answer: decodes the Base32 secret (RFC 4648, written here rather
 * than taken from the service) and computes codes with the independent java-otp library.
 */
final class Authenticator {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final SecretKeySpec key;
    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();

    Authenticator(String base32) {
        this.key = new SecretKeySpec(decode(base32), "HmacSHA1");
    }

    /** The code for now plus {@code offsetSteps} time steps of 30 s. */
    String code(int offsetSteps) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.now().plus(Duration.ofSeconds(30L * offsetSteps)),
                    Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    String code() {
        return code(0);
    }

    static byte[] decode(String base32) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not Base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
