package dev.lexguard.sessions.policy;

import dev.lexguard.sessions.Database;
import dev.lexguard.sessions.SessionsConfig;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Deletes ended sessions (with their addresses) and sign-in history older than the configured retention, and
 * watermarks no session can be affected by any more.
 */
@ApplicationScoped
public class RetentionPurge {

    private final Database db;
    private final SessionsConfig config;

    public RetentionPurge(Database db, SessionsConfig config) {
        this.db = db;
        this.config = config;
    }

    public record Purged(int sessions, int signIns) {
    }

    @WithTransaction
    public Uni<Purged> purge() {
        long sessionSeconds = config.retention().endedSessions().toSeconds();
        long signInSeconds = config.retention().signIns().toSeconds();
        return db.update("delete from session_record where ended_at < now() - make_interval(secs => cast(:secs as double precision))",
                        Map.of("secs", sessionSeconds))
                .chain(sessions -> db.update("delete from sign_in where occurred_at < now() - make_interval(secs => cast(:secs as double precision))",
                                Map.of("secs", signInSeconds))
                        .chain(signIns -> db.update("""
                                        delete from revocation_watermark w
                                        where w.revoked_before < now() - make_interval(secs => cast(:secs as double precision))""",
                                        Map.of("secs", sessionSeconds))
                                .map(ignored -> new Purged(sessions, signIns))));
    }
}
