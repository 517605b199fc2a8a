package dev.lexguard.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An authenticator app: the RFC 6238 code of a Base32 secret for now (SHA-1, 6 digits, 30 s), written apart from the service's. */
public final class TotpCodes {

    private TotpCodes() {
    }

    public static String now(String base32) {
        return at(base32, 0);
    }

    /** The code {@code steps} time steps from now (the service accepts one step either way, each step once). */
    public static String at(String base32, int steps) {
        return forKey(decode(base32), steps);
    }

    /** The code of a raw key {@code steps} time steps from now (Keycloak keys its TOTP with the secret's bytes). */
    public static String forKey(byte[] key, int steps) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / 30_000 + steps).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
