package dev.lexguard.identity.sessions;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<Session, UUID> {

    public Uni<List<Session>> openForUser(UUID firmId, UUID userId) {
        return list("firmId = ?1 and userId = ?2 and endedAt is null order by createdAt", firmId, userId);
    }
}
