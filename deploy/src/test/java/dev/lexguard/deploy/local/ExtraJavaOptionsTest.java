package dev.lexguard.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtraJavaOptionsTest {

    @Test
    void blankOrMissingAddsNothing() {
        assertThat(LexGuardSystem.extraJavaOptions(null)).isEmpty();
        assertThat(LexGuardSystem.extraJavaOptions("   ")).isEmpty();
    }

    @Test
    void optionsAreSplitOnWhitespace() {
        assertThat(LexGuardSystem.extraJavaOptions(" -XX:TieredStopAtLevel=4 \t -Xmx768m\n"))
                .containsExactly("-XX:TieredStopAtLevel=4", "-Xmx768m");
    }
}
