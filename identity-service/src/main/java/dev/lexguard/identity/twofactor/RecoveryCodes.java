package dev.lexguard.identity.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Single-use recovery codes for a user who has lost their authenticator. Each code is 16 symbols from
 * a 32-symbol alphabet, 80 bits drawn from {@link SecureRandom}, shown as {@code XXXX-XXXX-XXXX-XXXX}.
 * <p>
 * A code is stored as {@code v1.<base64url salt>.<base64url HMAC-SHA256(salt, code)>}. A slow password
 * hash (Argon2) buys nothing here: it exists to stretch guessable human passwords, while searching
 * 2^80 random codes is out of reach even at billions of hashes a second, so a fast keyed hash is as
 * strong and keeps checking ten codes per attempt cheap. The per-code random salt keeps equal codes
 * from having equal hashes and rules out precomputed tables.
 */
public final class RecoveryCodes {

    public static final int COUNT = 10;
    public static final int CODE_LENGTH = 16;
    /** Digits and capitals without the look-alikes 0/O and 1/I: 32 symbols, 5 bits each. */
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    /** When this many or fewer unused codes remain, the user is prompted to generate a new set. */
    public static final int LOW_THRESHOLD = 3;

    private static final int GROUP_LENGTH = 4;
    private static final int SALT_BYTES = 16;
    private static final String VERSION = "v1";
    private static final String MAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecureRandom random;

    public RecoveryCodes() {
        this(new SecureRandom());
    }

    public RecoveryCodes(SecureRandom random) {
        this.random = random;
    }

    /** Bits of entropy per code: {@code CODE_LENGTH * log2(ALPHABET.length())}. */
    public static double bitsPerCode() {
        return CODE_LENGTH * (Math.log(ALPHABET.length()) / Math.log(2));
    }

    /** {@link #COUNT} distinct new codes with their salted hashes. */
    public RecoveryCodeSet generate() {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            char[] code = new char[CODE_LENGTH];
            for (int i = 0; i < CODE_LENGTH; i++) {
                code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            codes.add(new String(code));
        }
        List<String> shown = new ArrayList<>(COUNT);
        List<String> hashes = new ArrayList<>(COUNT);
        for (String code : codes) {
            shown.add(format(code));
            hashes.add(hash(code));
        }
        return new RecoveryCodeSet(shown, hashes);
    }

    /**
     * The canonical form of what a user typed: upper case, without spaces and dashes. Empty if the
     * result is not {@link #CODE_LENGTH} symbols of the alphabet.
     */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            // ASCII only: String.toUpperCase would turn e.g. the dotless i into I.
            char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
            if (ALPHABET.indexOf(upper) < 0 || out.length() == CODE_LENGTH) {
                return Optional.empty();
            }
            out.append(upper);
        }
        return out.length() == CODE_LENGTH ? Optional.of(out.toString()) : Optional.empty();
    }

    /** {@code ABCDEFGHJKLMNPQR} as {@code ABCD-EFGH-JKLM-NPQR}. */
    public static String format(String normalised) {
        StringBuilder out = new StringBuilder(normalised.length() + normalised.length() / GROUP_LENGTH);
        for (int i = 0; i < normalised.length(); i++) {
            if (i > 0 && i % GROUP_LENGTH == 0) {
                out.append('-');
            }
            out.append(normalised.charAt(i));
        }
        return out.toString();
    }

    /**
     * Which unused stored code {@code input} is, as an index into {@code stored}, so the caller can mark
     * it used. Every stored code is hashed and compared, used or not, so the time taken reveals
     * neither which code matched nor how many are left. Empty for a wrong, used or malformed code.
     */
    public static OptionalInt verify(String input, List<StoredRecoveryCode> stored) {
        Optional<String> code = normalise(input);
        if (code.isEmpty()) {
            return OptionalInt.empty();
        }
        int match = -1;
        for (int i = 0; i < stored.size(); i++) {
            StoredRecoveryCode candidate = stored.get(i);
            boolean equal = matches(code.get(), candidate.hash());
            if (equal && !candidate.used()) {
                match = i;
            }
        }
        return match < 0 ? OptionalInt.empty() : OptionalInt.of(match);
    }

    /** How many of {@code stored} are unused. */
    public static int remaining(List<StoredRecoveryCode> stored) {
        return (int) stored.stream().filter(code -> !code.used()).count();
    }

    /** Whether {@code remaining} unused codes are few enough to prompt for a new set. */
    public static boolean isRunningLow(int remaining) {
        return remaining <= LOW_THRESHOLD;
    }

    /** Whether the unused codes in {@code stored} are few enough to prompt for a new set. */
    public static boolean isRunningLow(List<StoredRecoveryCode> stored) {
        return isRunningLow(remaining(stored));
    }

    /** The stored form of a code; a fresh salt each time, so the same code never hashes the same twice. */
    String hash(String normalised) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return VERSION + "." + ENCODER.encodeToString(salt) + "." + ENCODER.encodeToString(mac(salt, normalised));
    }

    private static boolean matches(String normalised, String stored) {
        String[] fields = stored.split("\\.", -1);
        if (fields.length != 3 || !VERSION.equals(fields[0])) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = DECODER.decode(fields[1]);
            expected = DECODER.decode(fields[2]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (salt.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(mac(salt, normalised), expected);
    }

    private static byte[] mac(byte[] salt, String normalised) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(salt, MAC));
            return mac.doFinal(normalised.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + MAC, e);
        }
    }
}
