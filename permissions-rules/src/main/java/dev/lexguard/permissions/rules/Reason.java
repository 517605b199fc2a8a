package dev.lexguard.permissions.rules;

/**
 * Why a user may or may not see a matter. {@link #wireName()} is how APIs write it (permissions-service's answers
 * carry it as {@code reason}); those strings are part of the published API and never change.
 */
public enum Reason {
    /** The user is an administrator now (or was at the time asked about), and not blocked. */
    ADMINISTRATOR("administrator", true),
    /** The matter's access is {@code everyone} and the user is not blocked. */
    EVERYONE("everyone", true),
    /** The matter is restricted and the user is on its list by name. */
    USER_GRANT("user-grant", true),
    /** The matter is restricted and the user belongs to a group on its list ({@code groups} names them). */
    GROUP("group", true),
    /** The user is blocked on this matter: a block beats every allow, administrator included. */
    BLOCKED("blocked", false),
    /** The matter is restricted and neither the user nor any of the user's groups is on its list. */
    NOT_ON_ACCESS_LIST("not-on-access-list", false),
    /** The user is deactivated (or was not yet, or no longer, a user at the time asked about). */
    USER_INACTIVE("user-inactive", false),
    /** The matter was not registered yet at the time asked about. */
    MATTER_NOT_REGISTERED("matter-not-registered", false),
    /** No such user in the caller's firm (batch checks only; a single check answers 404). */
    UNKNOWN_USER("unknown-user", false),
    /** No such matter in the caller's firm (batch checks only; a single check answers 404). */
    UNKNOWN_MATTER("unknown-matter", false);

    private final String wireName;
    private final boolean allows;

    Reason(String wireName, boolean allows) {
        this.wireName = wireName;
        this.allows = allows;
    }

    public String wireName() {
        return wireName;
    }

    public boolean allows() {
        return allows;
    }
}
