package dev.lexguard.sharing.access;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * What a matter's closing does to what was shared from it, inside the projector's transaction. Implemented in
 * shares, which reads this package's projection: this package only names what it needs, so that it does not
 * depend back on that one.
 */
public interface MatterClosings {

    Uni<Void> matterClosed(UUID firmId, UUID matterId, String actorId);
}
