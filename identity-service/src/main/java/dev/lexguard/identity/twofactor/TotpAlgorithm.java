package dev.lexguard.identity.twofactor;

/**
 * The HMAC a TOTP code is computed with (RFC 6238 section 1.2). LexGuard enrols with {@link #SHA1}:
 * it is what every authenticator app supports, and HMAC-SHA1 remains sound as a PRF. The others exist
 * for the RFC 6238 test vectors.
 */
public enum TotpAlgorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String macName;

    TotpAlgorithm(String macName) {
        this.macName = macName;
    }

    /** The JCA name of the MAC, e.g. {@code HmacSHA1}. */
    public String macName() {
        return macName;
    }

    /** The value of the {@code algorithm} parameter of an otpauth URI, e.g. {@code SHA1}. */
    public String uriName() {
        return name();
    }
}
