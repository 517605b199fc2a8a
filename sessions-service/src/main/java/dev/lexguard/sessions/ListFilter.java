package dev.lexguard.sessions;

import dev.lexguard.platform.web.http.IpNetwork;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The filters of the sessions and sign-in lists, already checked. Each is optional (null).
 *
 * @param status  sessions only: {@code active} or {@code ended}
 * @param outcome sign-ins only: {@code succeeded} or {@code failed}
 */
public record ListFilter(UUID actorId, ActorKind actorKind, IpNetwork network, String countryCode, boolean unusualOnly,
        Instant from, Instant to, String status, String outcome) {

    /** The same filter narrowed to one actor (a user's own view). */
    public ListFilter forActor(UUID actor, ActorKind kind) {
        return new ListFilter(actor, kind, network, countryCode, unusualOnly, from, to, status, outcome);
    }

    /** Adds the common conditions on {@code alias} to {@code sql} and their values to {@code params}. */
    public void common(String alias, StringBuilder sql, Map<String, Object> params) {
        if (actorId != null) {
            sql.append(" and ").append(alias).append(".actor_id = :actorId");
            params.put("actorId", actorId);
        }
        if (actorKind != null) {
            sql.append(" and ").append(alias).append(".actor_type = :actorType");
            params.put("actorType", actorKind.wire());
        }
        if (unusualOnly) {
            sql.append(" and ").append(alias).append(".unusual");
        }
    }
}
