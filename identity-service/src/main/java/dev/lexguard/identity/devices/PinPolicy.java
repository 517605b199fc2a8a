package dev.lexguard.identity.devices;

import java.util.Optional;
import java.util.Set;

/**
 * The app PIN: exactly four ASCII digits, and not one an attacker tries first. Refused: one digit repeated (0000),
 * ascending or descending runs, wrapping round (1234, 7890, 4321, 0987), two digits alternating (1212) or doubled
 * (1122), straight lines on a phone keypad (2580, 0852, 1470, 3690, 1590, 3570) and the most common PINs of
 * DataGenetics' analysis of 3.4 million leaked PINs that no rule above covers.
 */
public final class PinPolicy {

    public static final int LENGTH = 4;

    /** Phone keypad lines (columns, diagonals) and their reverses. */
    private static final Set<String> KEYPAD_LINES = Set.of("2580", "0852", "1470", "0741", "3690", "0963", "1590",
            "0951", "3570", "0753", "1357", "7531", "2468", "8642");

    /** Common PINs (DataGenetics' top 20 and well-known words or dates) that no rule above catches. */
    private static final Set<String> COMMON = Set.of("1004", "2000", "2001", "1984", "1999", "5683", "0007",
            "1001", "1231", "7410", "1379", "9379");

    private PinPolicy() {
    }

    /** Whether it is four ASCII digits at all (whatever their choice). */
    public static boolean wellFormed(String pin) {
        return pin != null && pin.length() == LENGTH && pin.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Why the PIN is refused, or empty if it is acceptable. */
    public static Optional<String> problem(String pin) {
        if (!wellFormed(pin)) {
            return Optional.of("must be exactly 4 digits");
        }
        if (pin.chars().distinct().count() == 1) {
            return Optional.of("must not repeat one digit");
        }
        if (isRun(pin, 1) || isRun(pin, -1)) {
            return Optional.of("must not be a run of consecutive digits");
        }
        if (pin.charAt(0) == pin.charAt(2) && pin.charAt(1) == pin.charAt(3)) {
            return Optional.of("must not alternate two digits");
        }
        if (pin.charAt(0) == pin.charAt(1) && pin.charAt(2) == pin.charAt(3)) {
            return Optional.of("must not be two doubled digits");
        }
        if (KEYPAD_LINES.contains(pin)) {
            return Optional.of("must not be a straight line on the keypad");
        }
        if (COMMON.contains(pin)) {
            return Optional.of("is one of the most commonly used PINs");
        }
        return Optional.empty();
    }

    public static boolean acceptable(String pin) {
        return problem(pin).isEmpty();
    }

    /** Each digit is the previous one plus {@code step}, modulo 10 (so 7890 and 0987 count as runs too). */
    private static boolean isRun(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            int previous = pin.charAt(i - 1) - '0';
            int digit = pin.charAt(i) - '0';
            if (digit != Math.floorMod(previous + step, 10)) {
                return false;
            }
        }
        return true;
    }
}
