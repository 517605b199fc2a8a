package dev.lexguard.identity.twofactor;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Base32 of RFC 4648 section 6 (alphabet {@code A-Z2-7}), the encoding authenticator apps expect for
 * TOTP secrets. Encoding never pads: the Key Uri Format asks for the secret without {@code =}.
 * Decoding accepts what people type or paste from an authenticator's "enter key manually" screen:
 * any case, spaces between groups, and trailing padding.
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
            VALUES[Character.toLowerCase(ALPHABET[i])] = i;
        }
    }

    private Base32() {
    }

    /** The unpadded upper-case Base32 of {@code bytes}. */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    /**
     * Decodes Base32, ignoring case, whitespace and trailing {@code =}.
     *
     * @throws IllegalArgumentException on a character outside the alphabet, a length no encoding can
     *     produce, or non-zero unused trailing bits (so that every byte string has exactly one encoding)
     */
    public static byte[] decode(CharSequence text) {
        StringBuilder symbols = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                symbols.append(c);
            }
        }
        int end = symbols.length();
        while (end > 0 && symbols.charAt(end - 1) == '=') {
            end--;
        }
        int remainder = end % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("Base32 text has an impossible length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < end; i++) {
            char c = symbols.charAt(i);
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                // The offending character is not echoed: the text may be a secret.
                throw new IllegalArgumentException("Base32 text contains a character outside A-Z and 2-7");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("Base32 text has non-zero trailing bits");
        }
        return out.toByteArray();
    }
}
