package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.identity.twofactor.SecretBoxException.Reason;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String OLD_KEY = randomKey();
    private static final String NEW_KEY = randomKey();

    private final UUID user = UUID.randomUUID();
    private final TotpSecret secret = TotpSecret.generate();
    private final SecretBox box = new SecretBox(Map.of("k1", OLD_KEY), "k1");

    @Test
    void encryptedSecretDecryptsToTheSameSecret() {
        String sealed = box.encrypt(secret, user);

        assertThat(box.decrypt(sealed, user)).isEqualTo(secret);
    }

    @Test
    void sealedValueHasVersionKeyIdNonceAndCiphertext() {
        String sealed = box.encrypt(secret, user);
        String[] parts = sealed.split("\\.");

        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("v1");
        assertThat(parts[1]).isEqualTo("k1");
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(12);
        assertThat(Base64.getUrlDecoder().decode(parts[3])).hasSize(20 + 16);
        assertThat(sealed).doesNotContain(secret.base32());
    }

    @Test
    void eachEncryptionUsesAFreshNonce() {
        Set<String> nonces = new HashSet<>();
        Set<String> ciphertexts = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String[] parts = box.encrypt(secret, user).split("\\.");
            nonces.add(parts[2]);
            ciphertexts.add(parts[3]);
        }

        assertThat(nonces).hasSize(50);
        assertThat(ciphertexts).hasSize(50);
    }

    @Test
    void tamperedNonceFails() {
        String[] parts = box.encrypt(secret, user).split("\\.");
        parts[2] = flipFirstBit(parts[2]);

        assertAuthenticationFails(String.join(".", parts), user);
    }

    @Test
    void tamperedCiphertextFails() {
        String[] parts = box.encrypt(secret, user).split("\\.");
        parts[3] = flipFirstBit(parts[3]);

        assertAuthenticationFails(String.join(".", parts), user);
    }

    @Test
    void tamperedTagFails() {
        String[] parts = box.encrypt(secret, user).split("\\.");
        byte[] body = Base64.getUrlDecoder().decode(parts[3]);
        body[body.length - 1] ^= 0x01;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(body);

        assertAuthenticationFails(String.join(".", parts), user);
    }

    @Test
    void truncatedCiphertextFails() {
        String[] parts = box.encrypt(secret, user).split("\\.");
        byte[] body = Base64.getUrlDecoder().decode(parts[3]);
        byte[] shorter = new byte[body.length - 1];
        System.arraycopy(body, 0, shorter, 0, shorter.length);
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(shorter);

        assertAuthenticationFails(String.join(".", parts), user);
    }

    @Test
    void ciphertextCopiedToAnotherUserFails() {
        String sealed = box.encrypt(secret, user);

        assertAuthenticationFails(sealed, UUID.randomUUID());
    }

    @Test
    void relabelledKeyIdFails() {
        SecretBox twoKeysSameMaterial = new SecretBox(Map.of("k1", OLD_KEY, "k9", OLD_KEY), "k1");
        String sealed = twoKeysSameMaterial.encrypt(secret, user);

        assertThatThrownBy(() -> twoKeysSameMaterial.decrypt(sealed.replace("v1.k1.", "v1.k9."), user))
                .isInstanceOfSatisfying(SecretBoxException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED));
    }

    @Test
    void oldKeyStillDecryptsAfterRotation() {
        String sealedUnderOld = box.encrypt(secret, user);
        SecretBox rotated = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");

        assertThat(rotated.decrypt(sealedUnderOld, user)).isEqualTo(secret);
        assertThat(rotated.needsReencryption(sealedUnderOld)).isTrue();
    }

    @Test
    void valueUnderTheActiveKeyNeedsNoReencryption() {
        SecretBox rotated = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");

        assertThat(rotated.needsReencryption(rotated.encrypt(secret, user))).isFalse();
        assertThat(rotated.activeKeyId()).isEqualTo("k2");
    }

    @Test
    void reencryptMovesAValueToTheActiveKey() {
        SecretBox rotated = new SecretBox(Map.of("k1", OLD_KEY, "k2", NEW_KEY), "k2");

        String resealed = rotated.reencrypt(box.encrypt(secret, user), user);

        assertThat(resealed).startsWith("v1.k2.");
        assertThat(rotated.needsReencryption(resealed)).isFalse();
        assertThat(new SecretBox(Map.of("k2", NEW_KEY), "k2").decrypt(resealed, user)).isEqualTo(secret);
    }

    @Test
    void unknownKeyIdFailsClearly() {
        String sealed = box.encrypt(secret, user);
        SecretBox withoutOldKey = new SecretBox(Map.of("k2", NEW_KEY), "k2");

        assertThatThrownBy(() -> withoutOldKey.decrypt(sealed, user))
                .isInstanceOfSatisfying(SecretBoxException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY_ID))
                .hasMessageContaining("'k1'")
                .hasMessageContaining("not configured");
    }

    @Test
    void sameKeyIdWithDifferentKeyMaterialFails() {
        String sealed = box.encrypt(secret, user);

        assertAuthenticationFails(sealed, user, new SecretBox(Map.of("k1", NEW_KEY), "k1"));
    }

    @Test
    void malformedValuesFailClearly() {
        String sealed = box.encrypt(secret, user);
        String[] parts = sealed.split("\\.");
        for (String malformed : new String[] {
            "", "garbage", "v1.k1", "v2." + sealed.substring(3), parts[0] + "." + parts[1] + "." + parts[2],
            sealed + ".extra", "v1.k1.AAAA." + parts[3], "v1.k1." + parts[2] + ".AAAA", "v1.k.1." + parts[2] + "." + parts[3],
            "v1.k1." + parts[2] + "." + parts[3] + "=", "v1.k1." + parts[2] + "+." + parts[3],
        }) {
            assertThatThrownBy(() -> box.decrypt(malformed, user)).as(malformed)
                    .isInstanceOfSatisfying(SecretBoxException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
        assertThatThrownBy(() -> box.decrypt(null, user)).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.needsReencryption("garbage")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void exceptionMessagesNeverContainKeysOrValues() {
        String sealed = box.encrypt(secret, user);

        assertThatThrownBy(() -> box.decrypt(sealed, UUID.randomUUID()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sealed).doesNotContain(OLD_KEY).doesNotContain(secret.base32()));
    }

    @Test
    void keysThatAreNot256BitsAreRejected() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new SecretBox(Map.of("k1", shortKey), "k1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
        assertThatThrownBy(() -> new SecretBox(Map.of("k1", "not base64!"), "k1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void activeKeyIdWithoutAKeyIsRejected() {
        assertThatThrownBy(() -> new SecretBox(Map.of("k1", OLD_KEY), "k2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyIdWithTheSeparatorIsRejected() {
        assertThatThrownBy(() -> new SecretBox(Map.of("k.1", OLD_KEY), "k.1")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertAuthenticationFails(String sealed, UUID owner) {
        assertAuthenticationFails(sealed, owner, box);
    }

    private static void assertAuthenticationFails(String sealed, UUID owner, SecretBox with) {
        assertThatThrownBy(() -> with.decrypt(sealed, owner))
                .isInstanceOfSatisfying(SecretBoxException.class, e -> assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED))
                .hasMessageContaining("failed authentication");
    }

    private static String flipFirstBit(String base64url) {
        byte[] bytes = Base64.getUrlDecoder().decode(base64url);
        bytes[0] ^= (byte) 0x80;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
