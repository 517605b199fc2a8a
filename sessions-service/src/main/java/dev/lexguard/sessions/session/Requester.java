package dev.lexguard.sessions.session;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.sessions.ActorKind;
import java.util.UUID;

/** Who asks, from the verified token: actor, kind, current session and whether they administer the firm. */
public record Requester(UUID firmId, UUID actorId, ActorKind kind, UUID currentSessionId, boolean administrator) {

    public static final String ADMINISTRATOR = "administrator";

    public static Requester of(Caller caller) {
        ActorKind kind = ActorKind.of(caller.actorType());
        return new Requester(caller.firmId(), caller.actorId(), kind, caller.sessionId(),
                kind == ActorKind.USER && caller.hasPermission(ADMINISTRATOR));
    }

    /** Whether the requester may see (and end) this session: their own, or any of the firm's for an administrator. */
    public boolean maySee(SessionRecord session) {
        return administrator || session.belongsTo(actorId, kind);
    }
}
