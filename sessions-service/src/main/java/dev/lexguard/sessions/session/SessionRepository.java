package dev.lexguard.sessions.session;

import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.Database;
import dev.lexguard.sessions.ListFilter;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<SessionRecord, UUID> {

    /** A keyset position in "last activity, newest first" order. */
    public record Position(Instant lastSeenAt, UUID id) {
    }

    private final Database db;

    public SessionRepository(Database db) {
        this.db = db;
    }

    /** The session if it belongs to the firm, else null: another firm's session is as unknown as a missing one. */
    public Uni<SessionRecord> findInFirm(UUID firmId, UUID sessionId) {
        return find("id = ?1 and firmId = ?2", sessionId, firmId).firstResult();
    }

    /** As {@link #findInFirm}, with the row locked until the transaction ends (so two endings cannot both publish). */
    public Uni<SessionRecord> lockInFirm(UUID firmId, UUID sessionId) {
        return find("id = ?1 and firmId = ?2", sessionId, firmId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<SessionRecord> lock(UUID sessionId) {
        return findById(sessionId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<SessionRecord>> openOnDevice(UUID firmId, UUID userId, UUID deviceId) {
        return find("firmId = ?1 and actorId = ?2 and actorType = 'user' and device.mobileDeviceId = ?3 and endedAt is null",
                firmId, userId, deviceId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Boolean> actorKnown(UUID firmId, UUID actorId, ActorKind kind) {
        return count("firmId = ?1 and actorId = ?2 and actorType = ?3", firmId, actorId, kind.wire()).map(n -> n > 0);
    }

    /** Up to {@code rows} sessions of the firm matching the filter, by last activity (newest first), after {@code after}. */
    public Uni<List<SessionRecord>> page(UUID firmId, ListFilter filter, Position after, int rows) {
        StringBuilder sql = new StringBuilder("select s.* from session_record s where s.firm_id = :firm");
        Map<String, Object> params = new HashMap<>();
        params.put("firm", firmId);
        filter.common("s", sql, params);
        if (filter.network() != null) {
            sql.append(" and (ip_or_null(s.client_ip) <<= cast(cast(:net as text) as inet) or exists (select 1 from session_ip i"
                    + " where i.session_id = s.id and ip_or_null(i.ip) <<= cast(cast(:net as text) as inet)))");
            params.put("net", filter.network().cidr());
        }
        if (filter.countryCode() != null) {
            sql.append(" and (s.country_code = :country or exists (select 1 from session_ip i"
                    + " where i.session_id = s.id and i.country_code = :country))");
            params.put("country", filter.countryCode());
        }
        if ("active".equals(filter.status())) {
            sql.append(" and s.ended_at is null");
        } else if ("ended".equals(filter.status())) {
            sql.append(" and s.ended_at is not null");
        }
        if (filter.from() != null) {
            sql.append(" and coalesce(s.ended_at, s.last_seen_at) >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and s.started_at < :to");
            params.put("to", filter.to());
        }
        if (after != null) {
            sql.append(" and (s.last_seen_at < :seen or (s.last_seen_at = :seen and s.id < :after))");
            params.put("seen", after.lastSeenAt());
            params.put("after", after.id());
        }
        sql.append(" order by s.last_seen_at desc, s.id desc");
        return db.entities(sql.toString(), params, SessionRecord.class, rows);
    }

    /**
     * Ends every open session of the firm (or of one actor) that started before {@code before}, except
     * {@code except}: the effect of a watermark here. Returns how many ended.
     */
    public Uni<Integer> endStartedBefore(UUID firmId, UUID actorId, ActorKind kind, Instant before, UUID except,
            String reason, UUID by, Instant at) {
        StringBuilder hql = new StringBuilder("endedAt = :at, endReason = :reason, endedBy = :by"
                + " where firmId = :firm and endedAt is null and startedAt < :before");
        Parameters params = Parameters.with("at", at).and("reason", reason).and("by", by).and("firm", firmId)
                .and("before", before);
        if (actorId != null) {
            hql.append(" and actorId = :actor and actorType = :kind");
            params = params.and("actor", actorId).and("kind", kind.wire());
        }
        if (except != null) {
            hql.append(" and id <> :except");
            params = params.and("except", except);
        }
        return update(hql.toString(), params);
    }
}
