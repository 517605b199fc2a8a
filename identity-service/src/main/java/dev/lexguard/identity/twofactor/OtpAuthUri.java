package dev.lexguard.identity.twofactor;

import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/...} URI of the Key Uri Format that authenticator apps import from a QR
 * code. The label is {@code LexGuard:<firm name> (<email>)} so a user with accounts at several firms
 * can tell them apart in the app, and the {@code issuer} parameter repeats the prefix as the format
 * recommends. The URI contains the secret: show it only to the enrolling user, never log it.
 */
public final class OtpAuthUri {

    public static final String ISSUER = "LexGuard";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {
    }

    /**
     * The URI for LexGuard's TOTP parameters (SHA1, 6 digits, 30 s).
     *
     * @throws IllegalArgumentException if the firm name or email is blank
     */
    public static String of(TotpSecret secret, String firmName, String email) {
        String firm = requireText(firmName, "firm name");
        String account = requireText(email, "email");
        Totp totp = new Totp();
        // A literal colon separates issuer and account; a colon inside the firm name is percent-encoded
        // with everything else, so apps that split on the first colon still find the issuer.
        return "otpauth://totp/" + encode(ISSUER) + ":" + encode(firm + " (" + account + ")")
                + "?secret=" + secret.base32()
                + "&issuer=" + encode(ISSUER)
                + "&algorithm=" + totp.algorithm().uriName()
                + "&digits=" + totp.digits()
                + "&period=" + totp.period().getSeconds();
    }

    /**
     * RFC 3986 percent-encoding of the UTF-8 bytes of everything but the unreserved characters. Not
     * {@code URLEncoder}: it writes a space as {@code +}, which apps show literally in a path.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.strip();
    }
}
