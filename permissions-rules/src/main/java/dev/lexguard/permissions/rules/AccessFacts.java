package dev.lexguard.permissions.rules;

import java.util.List;

/**
 * What a service's data says about one user and one matter at one time; {@link #decide()} is the whole rule, the one
 * permissions-service answers with and sharing-service enforces (feed-service's SQL is held to it by a test).
 *
 * @param mode the matter's access mode then ({@code everyone} | {@code restricted}), null if not registered yet
 * @param groups the groups on the matter's list the user belonged to then
 */
public record AccessFacts(boolean userKnown, boolean matterKnown, boolean userActive, String mode, boolean blocked,
        boolean administrator, boolean userGrant, List<GroupRef> groups) {

    /** A matter the caller may not know of: answered exactly as an id the firm does not have. */
    public static AccessFacts unknownMatter(boolean userKnown) {
        return new AccessFacts(userKnown, false, false, null, false, false, false, List.of());
    }

    public AccessDecision decide() {
        return new AccessDecision(reason(), groups);
    }

    private Reason reason() {
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
        return groups.isEmpty() ? Reason.NOT_ON_ACCESS_LIST : Reason.GROUP;
    }
}
