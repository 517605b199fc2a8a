package dev.lexguard.identity.users;

/** Stored lower-case by {@link UserStatusConverter}. */
public enum UserStatus {
    INVITED, ACTIVE, DEACTIVATED
}
