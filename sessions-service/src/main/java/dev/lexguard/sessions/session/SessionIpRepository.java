package dev.lexguard.sessions.session;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SessionIpRepository implements PanacheRepositoryBase<SessionIp, SessionIp.Key> {

    public Uni<List<SessionIp>> forSession(UUID sessionId) {
        return list("key.sessionId = ?1 order by firstSeenAt, key.ip", sessionId);
    }

    public Uni<SessionIp> find(UUID sessionId, String ip) {
        return findById(new SessionIp.Key(sessionId, ip));
    }
}
