package dev.lexguard.identity.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM. A sealed value is
 * {@code v1.<key id>.<base64url nonce>.<base64url ciphertext and tag>}: the key id lets old values be
 * opened after a new key becomes active, and {@link #needsReencryption(String)} finds the ones to
 * re-seal. The associated data covers the format version, the key id and the user id, so a value
 * copied into another user's row, or relabelled with another key id, fails to open.
 * <p>
 * Immutable and thread-safe; a {@link Cipher} is made per call because ciphers are not.
 */
public final class SecretBox {

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    // 96 bits is the nonce length GCM is specified for (NIST SP 800-38D 8.2); random nonces are safe
    // far beyond the number of secrets one key will ever seal.
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // No dots (the separator) and short enough to stay readable in a column.
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String AAD_DOMAIN = "lexguard.totp-secret";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random;

    /**
     * @param base64Keys key id to a standard-Base64 32-byte AES key, as configuration provides them
     * @param activeKeyId the key new values are sealed with; must be in {@code base64Keys}
     * @throws IllegalArgumentException on a bad key id, a key that is not 32 bytes of Base64, or an
     *     active key id with no key (the message names the key id, never the key)
     */
    public SecretBox(Map<String, String> base64Keys, String activeKeyId) {
        this(base64Keys, activeKeyId, new SecureRandom());
    }

    SecretBox(Map<String, String> base64Keys, String activeKeyId, SecureRandom random) {
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Map<String, SecretKey> parsed = new TreeMap<>();
        base64Keys.forEach((keyId, base64) -> {
            if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException("a TOTP key id must be 1 to 32 of A-Z a-z 0-9 _ -");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(Objects.requireNonNull(base64, "key").strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("TOTP key '" + keyId + "' is not valid Base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("TOTP key '" + keyId + "' must be 32 bytes (AES-256)");
            }
            parsed.put(keyId, new SecretKeySpec(key, "AES"));
        });
        if (!parsed.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active TOTP key id '" + activeKeyId + "' has no key");
        }
        this.keys = Map.copyOf(parsed);
        this.activeKeyId = activeKeyId;
        this.random = random;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Seals {@code secret} for {@code userId} under the active key with a fresh random nonce. */
    public String encrypt(TotpSecret secret, UUID userId) {
        Objects.requireNonNull(secret, "secret");
        return seal(secret.bytes(), AAD_DOMAIN, userId);
    }

    /**
     * Opens a value sealed for {@code userId}.
     *
     * @throws SecretBoxException if it is malformed, its key id is not configured, or it was altered or
     *     sealed for another user
     */
    public TotpSecret decrypt(String sealed, UUID userId) {
        byte[] plain = open(sealed, AAD_DOMAIN, userId);
        try {
            return TotpSecret.fromBytes(plain);
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException(SecretBoxException.Reason.MALFORMED, "the sealed TOTP secret is too short");
        }
    }

    /**
     * Seals another kind of secret (a Keycloak client secret, a PKCE verifier) in the same format. {@code purpose}
     * and {@code owner} are bound into the associated data: a value opens only for the same purpose and owner.
     */
    public String seal(byte[] plain, String purpose, UUID owner) {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(owner, "owner");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), nonce);
            cipher.updateAAD(associatedData(purpose, activeKeyId, owner));
            byte[] sealed = cipher.doFinal(plain);
            return VERSION + "." + activeKeyId + "." + ENCODER.encodeToString(nonce) + "." + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens a value {@link #seal sealed} for this purpose and owner.
     *
     * @throws SecretBoxException if it is malformed, its key id is not configured, or it was altered or sealed for
     *     another purpose or owner
     */
    public byte[] open(String sealed, String purpose, UUID owner) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(owner, "owner");
        Parts parts = parse(sealed);
        SecretKey key = keys.get(parts.keyId());
        if (key == null) {
            throw new SecretBoxException(SecretBoxException.Reason.UNKNOWN_KEY_ID,
                    "the secret is sealed under key id '" + parts.keyId() + "', which is not configured");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, parts.nonce());
            cipher.updateAAD(associatedData(purpose, parts.keyId(), owner));
            return cipher.doFinal(parts.ciphertext());
        } catch (AEADBadTagException e) {
            throw new SecretBoxException(SecretBoxException.Reason.AUTHENTICATION_FAILED,
                    "the secret failed authentication: it was altered or belongs to another owner", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /**
     * Whether {@code sealed} was made with a key other than the active one and should be re-sealed
     * (with {@link #reencrypt(String, UUID)}) so the old key can be retired.
     *
     * @throws SecretBoxException if {@code sealed} is malformed
     */
    public boolean needsReencryption(String sealed) {
        return !parse(sealed).keyId().equals(activeKeyId);
    }

    /** Opens {@code sealed} and seals it again under the active key. */
    public String reencrypt(String sealed, UUID userId) {
        return encrypt(decrypt(sealed, userId), userId);
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private static byte[] associatedData(String domain, String keyId, UUID owner) {
        return (domain + "|" + VERSION + "|" + keyId + "|" + owner).getBytes(StandardCharsets.UTF_8);
    }

    private static Parts parse(String sealed) {
        if (sealed == null) {
            throw malformed();
        }
        String[] fields = sealed.split("\\.", -1);
        if (fields.length != 4 || !VERSION.equals(fields[0]) || !KEY_ID.matcher(fields[1]).matches()
                || !BASE64URL.matcher(fields[2]).matches() || !BASE64URL.matcher(fields[3]).matches()) {
            throw malformed();
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = DECODER.decode(fields[2]);
            ciphertext = DECODER.decode(fields[3]);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (nonce.length != NONCE_BYTES || ciphertext.length < TAG_BITS / 8) {
            throw malformed();
        }
        return new Parts(fields[1], nonce, ciphertext);
    }

    private static SecretBoxException malformed() {
        return new SecretBoxException(SecretBoxException.Reason.MALFORMED,
                "the sealed TOTP secret is not of the form v1.<key id>.<nonce>.<ciphertext>");
    }

    private record Parts(String keyId, byte[] nonce, byte[] ciphertext) {
    }
}
