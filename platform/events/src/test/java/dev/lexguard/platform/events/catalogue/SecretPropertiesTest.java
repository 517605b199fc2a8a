package dev.lexguard.platform.events.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPropertiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "passwordHash", "newPassword", "userpassword", "secret", "clientSecret",
            "token", "refreshToken", "access_token", "seed", "totpSeed", "TOTP_SEED", "pin", "devicePin", "pinCode",
            "recoveryCode", "recoveryCodes", "recovery_codes", "hash", "hashed", "codeHashes", "passphrase"})
    void namesThatSuggestASecretAreFound(String name) {
        assertThat(SecretProperties.looksSecret(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pinned", "shipping", "mapping", "seeded", "tokenizer", "hashtag", "method", "userId",
            "displayName", "recoveryEmail", "expiresAt", "spinner"})
    void ordinaryNamesPass(String name) {
        assertThat(SecretProperties.looksSecret(name)).as(name).isFalse();
    }

    @Test
    void findsSecretsAtAnyDepthAndInArrays() throws Exception {
        var data = new ObjectMapper().readTree("""
                {"user": {"id": "u1", "credentials": {"passwordHash": "x"}},
                 "devices": [{"name": "phone"}, {"name": "tablet", "pin": "1234"}],
                 "method": "totp"}""");
        assertThat(SecretProperties.find(data)).containsExactly("/user/credentials/passwordHash", "/devices/1/pin");
    }
}
