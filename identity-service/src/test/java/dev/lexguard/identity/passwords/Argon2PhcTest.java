package dev.lexguard.identity.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Argon2PhcTest {

    // Produced by the reference implementation (Debian package argon2, phc-winner-argon2 20171227):
    //   echo -n "tide clock harbour lantern" | argon2 lexguardsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e
    //   echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -t 1 -k 8192 -p 1 -l 32 -e
    private static final String REFERENCE_OWASP =
            "$argon2id$v=19$m=19456,t=2,p=1$bGV4Z3VhcmRzYWx0c2FsdA$6kPTNoWUzFqL8jYGEnEKRBBYkQQ2pzqE4buqICinFK0";
    private static final String REFERENCE_WEAK =
            "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$xwP/sUpncRUpT63+0aadhrYrW8PTzYL8TrQp/6Tj9lA";
    private static final Argon2Phc.Cost OWASP = new Argon2Phc.Cost(19456, 2, 1);

    private final Argon2Phc argon2 = new Argon2Phc();

    @Test
    void producesExactlyWhatTheReferenceImplementationProduces() {
        assertThat(argon2.hash("tide clock harbour lantern", OWASP, "lexguardsaltsalt".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(REFERENCE_OWASP);
    }

    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        assertThat(argon2.verify("tide clock harbour lantern", REFERENCE_OWASP)).isTrue();
        assertThat(argon2.verify("correct horse battery staple", REFERENCE_WEAK)).isTrue();
        assertThat(argon2.verify("tide clock harbour lanterN", REFERENCE_OWASP)).isFalse();
    }

    @Test
    void writesThePhcStringWithARandomSalt() {
        String first = argon2.hash("tide clock harbour lantern", OWASP);
        String second = argon2.hash("tide clock harbour lantern", OWASP);
        assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(argon2.verify("tide clock harbour lantern", second)).isTrue();
    }

    @Test
    void aHashIsRedoneOnlyWhenTheConfiguredCostIsHigher() {
        assertThat(Argon2Phc.needsRehash(REFERENCE_WEAK, OWASP)).isTrue();
        assertThat(Argon2Phc.needsRehash(REFERENCE_OWASP, OWASP)).isFalse();
        assertThat(Argon2Phc.needsRehash(REFERENCE_OWASP, new Argon2Phc.Cost(19456, 3, 1))).isTrue();
        assertThat(Argon2Phc.needsRehash(REFERENCE_OWASP, new Argon2Phc.Cost(8192, 1, 1))).isFalse();
        assertThat(Argon2Phc.needsRehash("$2a$10$bcrypt", OWASP)).isTrue();
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertThat(argon2.verify("x", null)).isFalse();
        assertThat(argon2.verify("x", "")).isFalse();
        assertThat(argon2.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$bGV4Z3VhcmRzYWx0c2FsdA$6kPTNoWUzFqL8jYGEnEKRBBYkQQ2pzqE4buqICinFK0")).isFalse();
        assertThat(argon2.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$bGV4Z3VhcmRzYWx0c2FsdA$6kPTNoWUzFqL8jYGEnEKRBBYkQQ2pzqE4buqICinFK0")).isFalse();
    }
}
