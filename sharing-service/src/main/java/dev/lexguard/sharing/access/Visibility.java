package dev.lexguard.sharing.access;

/**
 * What this service's projection says about one user and one matter now; {@link #decide()} is
 * permissions-service's rule ({@code AccessFacts.decide}) applied to the projected facts, so both services
 * answer "may this user see this matter now" the same way.
 */
public record Visibility(boolean userKnown, boolean matterKnown, boolean userActive, String mode, boolean blocked,
        boolean administrator, boolean userGrant, boolean throughGroup) {

    /** Why the user may or may not see the matter. */
    public enum Reason {
        ADMINISTRATOR(true), EVERYONE(true), USER_GRANT(true), GROUP(true), BLOCKED(false), NOT_ON_ACCESS_LIST(false),
        USER_INACTIVE(false), MATTER_NOT_REGISTERED(false), UNKNOWN_USER(false), UNKNOWN_MATTER(false);

        private final boolean allows;

        Reason(boolean allows) {
            this.allows = allows;
        }

        public boolean allows() {
            return allows;
        }
    }

    public Reason decide() {
        if (!userKnown) {
            return Reason.UNKNOWN_USER;
        }
        if (!matterKnown) {
            return Reason.UNKNOWN_MATTER;
        }
        if (mode == null) {
            return Reason.MATTER_NOT_REGISTERED;
        }
        if (!userActive) {
            return Reason.USER_INACTIVE;
        }
        if (blocked) {
            return Reason.BLOCKED;
        }
        if (administrator) {
            return Reason.ADMINISTRATOR;
        }
        if ("everyone".equals(mode)) {
            return Reason.EVERYONE;
        }
        if (userGrant) {
            return Reason.USER_GRANT;
        }
        return throughGroup ? Reason.GROUP : Reason.NOT_ON_ACCESS_LIST;
    }

    public boolean allows() {
        return decide().allows();
    }
}
