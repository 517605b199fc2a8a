package dev.lexguard.identity.permissions;

import java.util.Set;
import java.util.UUID;

/**
 * What the projection reads of a user: whose permissions are asked for, and the ones the account itself implies for a
 * firm whose permissions have not arrived yet. Implemented by users' {@code User}: this package only names what it
 * needs, so that it does not depend back on that one.
 */
public interface PermissionHolder {

    UUID id();

    UUID firmId();

    Set<String> permissions();
}
