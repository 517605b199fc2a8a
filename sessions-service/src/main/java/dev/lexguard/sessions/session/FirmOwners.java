package dev.lexguard.sessions.session;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Whether a user is the firm's owner, as far as this service knows: what revocation asks of the owner projection
 * in policy, which implements it, so that this package does not depend back on that one.
 */
public interface FirmOwners {

    Uni<Boolean> isOwner(UUID firmId, UUID userId);
}
