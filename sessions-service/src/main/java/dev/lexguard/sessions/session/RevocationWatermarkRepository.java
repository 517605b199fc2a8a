package dev.lexguard.sessions.session;

import dev.lexguard.sessions.ActorKind;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RevocationWatermarkRepository implements PanacheRepositoryBase<RevocationWatermark, UUID> {

    /** The earliest watermark that covers a session of this actor started at {@code startedAt}, or null. */
    public Uni<RevocationWatermark> covering(UUID firmId, UUID actorId, ActorKind kind, UUID sessionId, Instant startedAt) {
        return find("firmId = ?1 and (actorId is null or (actorId = ?2 and actorType = ?3)) and revokedBefore > ?4"
                + " and (exceptSessionId is null or exceptSessionId <> ?5) order by raisedAt",
                firmId, actorId, kind.wire(), startedAt, sessionId).firstResult();
    }
}
