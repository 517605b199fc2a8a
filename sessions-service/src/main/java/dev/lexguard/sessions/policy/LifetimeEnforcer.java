package dev.lexguard.sessions.policy;

import dev.lexguard.sessions.Database;
import dev.lexguard.sessions.SessionsConfig;
import dev.lexguard.sessions.session.EndReason;
import dev.lexguard.sessions.session.RevocationService;
import dev.lexguard.sessions.session.SessionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ends open sessions that passed their firm's idle or absolute lifetime, each with its own
 * {@code session.revoked} event (reason {@code idle_timeout} or {@code absolute_timeout}). Administrators'
 * limits replace the users' where the firm set them; contacts have their own.
 */
@ApplicationScoped
public class LifetimeEnforcer {

    private static final String LIMIT = """
            case when s.actor_type = 'contact' then p.contact_%1$s_minutes
                 when a.user_id is not null then coalesce(p.admin_%1$s_minutes, p.user_%1$s_minutes)
                 else p.user_%1$s_minutes end""";
    private static final String EXPIRED = """
            select cast(s.id as text),
                   case when s.started_at < now() - make_interval(mins => %2$s) then 'absolute_timeout'
                        else 'idle_timeout' end
            from session_record s
            join firm_policy p on p.firm_id = s.firm_id
            left join administrator a on a.user_id = s.actor_id and a.firm_id = s.firm_id and s.actor_type = 'user'
            where s.ended_at is null
              and (s.last_seen_at < now() - make_interval(mins => %1$s)
                   or s.started_at < now() - make_interval(mins => %2$s))
            order by s.last_seen_at
            limit :batch""".formatted(LIMIT.formatted("idle"), LIMIT.formatted("absolute"));

    private final Database db;
    private final SessionRepository sessions;
    private final RevocationService revocations;
    private final int batchSize;

    public LifetimeEnforcer(Database db, SessionRepository sessions, RevocationService revocations, SessionsConfig config) {
        this.db = db;
        this.sessions = sessions;
        this.revocations = revocations;
        this.batchSize = config.lifetimes().batchSize();
    }

    /** Ends up to one batch of expired sessions; returns how many ended. */
    @WithTransaction
    public Uni<Integer> endExpired() {
        return db.rows(EXPIRED, Map.of("batch", batchSize)).chain(rows -> endEach(rows, 0, 0));
    }

    private Uni<Integer> endEach(List<Object[]> rows, int index, int ended) {
        if (index == rows.size()) {
            return Uni.createFrom().item(ended);
        }
        UUID id = UUID.fromString((String) rows.get(index)[0]);
        String reason = EndReason.ABSOLUTE_TIMEOUT.equals(rows.get(index)[1]) ? EndReason.ABSOLUTE_TIMEOUT : EndReason.IDLE_TIMEOUT;
        return sessions.lock(id)
                .chain(session -> session == null ? Uni.createFrom().item(false) : revocations.endBySystem(session, reason))
                .chain(done -> endEach(rows, index + 1, done ? ended + 1 : ended));
    }
}
