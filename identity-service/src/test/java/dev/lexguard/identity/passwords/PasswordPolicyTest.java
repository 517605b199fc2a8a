package dev.lexguard.identity.passwords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final CommonPasswords COMMON = CommonPasswords.load();
    private final PasswordPolicy policy = new PasswordPolicy(COMMON);

    @Test
    void theShippedListHasAtLeastTheTopTenThousand() {
        assertThat(COMMON.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(COMMON.contains("123456")).isTrue();
        assertThat(COMMON.contains("PASSWORD")).isTrue();
        assertThat(COMMON.contains("qwerty123456")).isTrue();
    }

    @Test
    void twelveCodePointsAreEnoughWhateverTheyAre() {
        assertThat(policy.check("p", "Zz9!Zz9!Zz9!", "a@b.example", "Ann")).isEqualTo("Zz9!Zz9!Zz9!");
        assertThat(policy.check("p", "alllowercaseletters", "a@b.example", "Ann")).isEqualTo("alllowercaseletters");
        assertThat(policy.check("p", "\u00e9t\u00e9 \u00e0 paris 2026", "a@b.example", "Ann")).hasSize(16);
    }

    @Test
    void passwordsAreNormalisedToNfkcSoTheSameTypedPasswordMatches() {
        String composed = PasswordPolicy.normalise("caf\u00e9 au lait time");
        String decomposed = PasswordPolicy.normalise("cafe\u0301 au lait time");
        assertThat(composed).isEqualTo(decomposed);
        assertThat(PasswordPolicy.normalise("\uff21\uff22\uff23")).isEqualTo("ABC");
        assertThat(PasswordPolicy.normalise("bad\ud800")).isNull();
        assertThat(PasswordPolicy.normalise("nul\u0000byte")).isNull();
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertThatThrownBy(() -> policy.check("p", "QwErTy123456", "a@b.example", "Ann"))
                .isInstanceOf(BadRequestProblem.class)
                .satisfies(e -> assertThat(((BadRequestProblem) e).errors().get(0).message())
                        .isEqualTo("is one of the most commonly used passwords"));
    }

    @Test
    void theUsersOwnEmailAndNameAreRefused() {
        assertThatThrownBy(() -> policy.check("p", "Jonathan.Harker.1897", "jharker@firm.example", "Jonathan Harker"))
                .isInstanceOf(BadRequestProblem.class);
        assertThatThrownBy(() -> policy.check("p", "my-jharker-password", "jharker@firm.example", "J H"))
                .isInstanceOf(BadRequestProblem.class);
        assertThat(policy.check("p", "Mina and Lucy 1897", "jharker@firm.example", "Jonathan Harker")).isNotNull();
    }
}
