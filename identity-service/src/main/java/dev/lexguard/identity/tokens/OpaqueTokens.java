package dev.lexguard.identity.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random single-use secrets (refresh tokens, invitation and reset links): 256 bits from SecureRandom,
 * base64url. Only their SHA-256 is stored; with 256 bits of entropy a fast hash is enough (no guessing
 * attack to slow down).
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longer input is not a token of ours: refused before hashing. */
    public static final int MAX_LENGTH = 128;

    private OpaqueTokens() {
    }

    public static String mint(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Plausible shape of one of our tokens (prefix + 43 base64url characters). */
    public static boolean wellFormed(String prefix, String token) {
        return token != null && token.length() == prefix.length() + 43 && token.startsWith(prefix)
                && token.substring(prefix.length()).matches("[A-Za-z0-9_-]{43}");
    }
}
