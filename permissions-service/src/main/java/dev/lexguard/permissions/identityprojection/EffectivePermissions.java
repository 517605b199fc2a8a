package dev.lexguard.permissions.identityprojection;

import dev.lexguard.platform.events.envelope.ActorType;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Recomputes a user's effective permissions inside the caller's transaction, as the projector must when a user
 * becomes the firm's owner. Implemented in accountpermissions, which reads this package's firms and users: this
 * package only names what it needs, so that it does not depend back on that one.
 */
public interface EffectivePermissions {

    Uni<List<String>> recompute(User user, String actorId, ActorType actorType);
}
