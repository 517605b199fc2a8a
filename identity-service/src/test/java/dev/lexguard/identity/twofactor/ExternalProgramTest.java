package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ExternalProgramTest {

    @Test
    void missingRequiredProgramFailsWithAnInstallHint() {
        assertThatThrownBy(() -> ExternalProgram.run("lexguard-no-such-program", "some-package", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not on the PATH")
                .hasMessageContaining("apt-get install -y some-package");
    }

    @Test
    void missingOptionalProgramSkipsTheTestWithAnInstallHint() {
        assertThatThrownBy(() -> ExternalProgram.run("lexguard-no-such-program", "some-package", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install -y some-package");
    }

    @Test
    void outputIsStandardOutputOnly() {
        assertThat(ExternalProgram.run("sh", "dash", "-c", "echo out; echo noise >&2")).isEqualTo("out");
    }
}
