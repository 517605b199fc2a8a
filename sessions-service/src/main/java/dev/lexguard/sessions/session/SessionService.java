package dev.lexguard.sessions.session;

import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sessions.ListFilter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Reads of sessions: what a requester may see, never another firm's. */
@ApplicationScoped
public class SessionService {

    private final SessionRepository sessions;
    private final SessionIpRepository addresses;

    public SessionService(SessionRepository sessions, SessionIpRepository addresses) {
        this.sessions = sessions;
        this.addresses = addresses;
    }

    /** A page (plus one row) of the firm's sessions matching the filter; a non-administrator's filter is narrowed to them. */
    @WithSession
    public Uni<List<SessionResponse>> page(Requester requester, ListFilter filter, SessionRepository.Position after, int rows) {
        return sessions.page(requester.firmId(), filter, after, rows)
                .map(list -> list.stream().map(s -> SessionResponse.of(s, requester.currentSessionId(), null)).toList());
    }

    /** One session with every address it was used from; 404 unless the requester may see it. */
    @WithSession
    public Uni<SessionResponse> read(Requester requester, UUID sessionId) {
        return sessions.findInFirm(requester.firmId(), sessionId).chain(session -> {
            if (session == null || !requester.maySee(session)) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            return addresses.forSession(sessionId).map(ips -> SessionResponse.of(session, requester.currentSessionId(),
                    ips.stream().map(AddressResponse::of).toList()));
        });
    }
}
