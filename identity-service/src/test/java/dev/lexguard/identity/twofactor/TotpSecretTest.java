package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TotpSecretTest {

    @Test
    void generatedSecretHas160Bits() {
        TotpSecret secret = TotpSecret.generate();

        assertThat(secret.bytes()).hasSize(20);
        assertThat(secret.lengthBytes()).isEqualTo(20);
        assertThat(secret.base32()).hasSize(32).matches("[A-Z2-7]{32}");
    }

    @Test
    void generatedSecretsDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(TotpSecret.generate().base32());
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void base32RoundTrips() {
        TotpSecret secret = TotpSecret.generate();

        TotpSecret decoded = TotpSecret.fromBase32(secret.base32());

        assertThat(decoded).isEqualTo(secret);
        assertThat(decoded.bytes()).isEqualTo(secret.bytes());
    }

    @Test
    void base32AsTypedFromAnAppIsAccepted() {
        TotpSecret secret = TotpSecret.generate();
        String typed = secret.base32().toLowerCase().replaceAll("(.{4})", "$1 ");

        assertThat(TotpSecret.fromBase32(typed)).isEqualTo(secret);
    }

    @Test
    void toStringHidesTheSecret() {
        TotpSecret secret = TotpSecret.generate();

        assertThat(secret.toString()).doesNotContain(secret.base32()).contains("redacted");
        assertThat(String.valueOf(secret)).doesNotContain(secret.base32().substring(0, 8));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] raw = new byte[20];
        TotpSecret secret = TotpSecret.fromBytes(raw);
        raw[0] = 1;
        secret.bytes()[1] = 1;

        assertThat(secret.bytes()).containsOnly((byte) 0);
    }

    @Test
    void secretShorterThan128BitsIsRejected() {
        assertThatThrownBy(() -> TotpSecret.fromBytes(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TotpSecret.fromBase32("MZXW6YTBOI")).isInstanceOf(IllegalArgumentException.class);
    }
}
