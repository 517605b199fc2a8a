package dev.lexguard.identity.signin;

/** What a second-factor check found; {@code recoveryCodesRemaining} is meaningful for a recovery code only. */
public record SecondFactorCheck(Result result, int recoveryCodesRemaining) {

    public enum Result {
        TOTP, RECOVERY_CODE, REJECTED,
        /** A passkey assertion (WebAuthn), amr {@code hwk}. */
        PASSKEY,
        /** A right TOTP code for a time step already used: refused like a wrong one, reported apart. */
        REPLAYED
    }

    public static SecondFactorCheck totp() {
        return new SecondFactorCheck(Result.TOTP, -1);
    }

    public static SecondFactorCheck recoveryCode(int remaining) {
        return new SecondFactorCheck(Result.RECOVERY_CODE, remaining);
    }

    public static SecondFactorCheck passkey() {
        return new SecondFactorCheck(Result.PASSKEY, -1);
    }

    public static SecondFactorCheck rejected() {
        return new SecondFactorCheck(Result.REJECTED, -1);
    }

    public static SecondFactorCheck replayed() {
        return new SecondFactorCheck(Result.REPLAYED, -1);
    }

    public boolean accepted() {
        return result == Result.TOTP || result == Result.RECOVERY_CODE || result == Result.PASSKEY;
    }

    /** The {@code amr} value this factor adds to the password's. */
    public String amr() {
        return switch (result) {
            case TOTP -> "otp";
            case PASSKEY -> "hwk";
            default -> "rec";
        };
    }
}
