package dev.lexguard.identity.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PinPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"0000", "1111", "9999"})
    void oneDigitRepeatedIsRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("must not repeat one digit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "0123", "6789", "7890", "9012", "4321", "9876", "3210", "0987"})
    void runsUpOrDownAreRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("must not be a run of consecutive digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1212", "6969", "1010", "0101"})
    void twoAlternatingDigitsAreRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("must not alternate two digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1122", "0011", "7755"})
    void doubledPairsAreRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("must not be two doubled digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2580", "0852", "1470", "3690", "1590", "3570", "1357", "2468"})
    void keypadLinesAreRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("must not be a straight line on the keypad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1004", "2000", "2001", "1984", "5683"})
    void commonPinsAreRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("is one of the most commonly used PINs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "12345", "12a4", "١٢٣٤", " 482", "48 7"})
    void anythingButFourAsciiDigitsIsRefused(String pin) {
        assertThat(PinPolicy.problem(pin)).contains("must be exactly 4 digits");
    }

    @Test
    void nullIsRefused() {
        assertThat(PinPolicy.acceptable(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4827", "9315", "0472", "7162", "5039", "1235", "1243"})
    void ordinaryPinsAreAccepted(String pin) {
        assertThat(PinPolicy.problem(pin)).isEmpty();
    }

    @Test
    void roughlyOneInFiftyPinsIsRefused() {
        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            if (!PinPolicy.acceptable(String.format("%04d", i))) {
                refused++;
            }
        }
        assertThat(refused).isBetween(100, 300);
    }
}
