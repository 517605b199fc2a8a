package dev.lexguard.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void readsPemFromAFileOrTheClasspath() throws Exception {
        String pem = SigningKeys.readPem("keys/test-signing-a.pem");
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        Path file = Files.createTempFile("signing", ".pem");
        Files.writeString(file, pem);
        assertThat(SigningKeys.readPem(file.toString())).isEqualTo(pem);
        assertThat(SigningKeys.readPem("classpath:keys/test-signing-a.pem")).isEqualTo(pem);
        assertThatThrownBy(() -> SigningKeys.readPem("/no/such/key.pem")).isInstanceOf(java.io.IOException.class);
        Files.delete(file);
    }

    @Test
    void publishesOnlyPublicPartsOfEveryKeyAndSignsWithTheActiveOne() throws Exception {
        PrivateKey a = KeyUtils.decodePrivateKey(SigningKeys.readPem("keys/test-signing-a.pem"));
        PrivateKey b = KeyUtils.decodePrivateKey(SigningKeys.readPem("keys/test-signing-b.pem"));
        SigningKeys keys = new SigningKeys(Map.of(
                "k1", new SigningKeys.Key("k1", a, SigningKeys.publicOf(a)),
                "k2", new SigningKeys.Key("k2", b, SigningKeys.publicOf(b))), "k2");
        assertThat(keys.active().kid()).isEqualTo("k2");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jwks = (List<Map<String, Object>>) keys.jwks().get("keys");
        assertThat(jwks).extracting(k -> k.get("kid")).containsExactly("k1", "k2");
        assertThat(jwks.get(0).keySet()).containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
    }

    @Test
    void refusesNoKeysAnUnknownActiveKeyAndShortKeys() throws Exception {
        assertThatThrownBy(() -> new SigningKeys(Map.of(), null)).isInstanceOf(IllegalStateException.class);
        PrivateKey a = KeyUtils.decodePrivateKey(SigningKeys.readPem("keys/test-signing-a.pem"));
        assertThatThrownBy(() -> new SigningKeys(Map.of("k1", new SigningKeys.Key("k1", a, SigningKeys.publicOf(a))), "k9"))
                .isInstanceOf(IllegalStateException.class);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        PrivateKey weak = generator.generateKeyPair().getPrivate();
        assertThatThrownBy(() -> SigningKeys.publicOf(weak)).isInstanceOf(IllegalArgumentException.class);
    }
}
