package dev.lexguard.sessions.signin;

import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.Database;
import dev.lexguard.sessions.ListFilter;
import dev.lexguard.sessions.risk.GeoPoint;
import dev.lexguard.sessions.risk.PreviousSignIn;
import dev.lexguard.sessions.risk.SignInHistory;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class SignInRepository implements PanacheRepositoryBase<SignIn, UUID> {

    /** A keyset position in "newest first" order. */
    public record Position(Instant occurredAt, UUID id) {
    }

    private static final String SEPARATOR = "\n";

    private final Database db;

    public SignInRepository(Database db) {
        this.db = db;
    }

    /**
     * What the unusual sign-in rules need of an actor's successful sign-ins before {@code before}: first time,
     * devices, countries, networks (one aggregate statement), then the latest one.
     */
    public Uni<SignInHistory> history(UUID firmId, UUID actorId, ActorKind kind, Instant before) {
        Map<String, Object> params = Map.of("firm", firmId, "actor", actorId, "kind", kind.wire(), "before", before);
        return db.rows("""
                select cast(floor(extract(epoch from min(occurred_at)) * 1000000) as bigint),
                       coalesce(string_agg(distinct device_key, E'\\n'), ''),
                       coalesce(string_agg(distinct country_code, E'\\n'), ''),
                       coalesce(string_agg(distinct cast(asn as text), E'\\n'), '')
                from sign_in
                where firm_id = :firm and actor_id = :actor and actor_type = :kind and outcome = 'succeeded'
                  and occurred_at < :before""", params)
                .chain(rows -> {
                    Object[] row = rows.get(0);
                    if (row[0] == null) {
                        return Uni.createFrom().item(SignInHistory.NONE);
                    }
                    Instant first = Instant.EPOCH.plus(((Number) row[0]).longValue(), ChronoUnit.MICROS);
                    Set<String> devices = split((String) row[1]);
                    Set<String> countries = split((String) row[2]);
                    Set<Long> networks = split((String) row[3]).stream().map(Long::valueOf).collect(Collectors.toSet());
                    return find("firmId = ?1 and actorId = ?2 and actorType = ?3 and outcome = 'succeeded' and occurredAt < ?4"
                            + " order by occurredAt desc", firmId, actorId, kind.wire(), before).firstResult()
                            .map(latest -> new SignInHistory(first, devices, countries, networks, previous(latest)));
                });
    }

    public Uni<List<SignIn>> page(UUID firmId, ListFilter filter, Position after, int rows) {
        StringBuilder sql = new StringBuilder("select g.* from sign_in g where g.firm_id = :firm");
        Map<String, Object> params = new HashMap<>();
        params.put("firm", firmId);
        filter.common("g", sql, params);
        if (filter.network() != null) {
            sql.append(" and ip_or_null(g.client_ip) <<= cast(cast(:net as text) as inet)");
            params.put("net", filter.network().cidr());
        }
        if (filter.countryCode() != null) {
            sql.append(" and g.country_code = :country");
            params.put("country", filter.countryCode());
        }
        if (filter.outcome() != null) {
            sql.append(" and g.outcome = :outcome");
            params.put("outcome", filter.outcome());
        }
        if (filter.from() != null) {
            sql.append(" and g.occurred_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and g.occurred_at < :to");
            params.put("to", filter.to());
        }
        if (after != null) {
            sql.append(" and (g.occurred_at < :at or (g.occurred_at = :at and g.id < :after))");
            params.put("at", after.occurredAt());
            params.put("after", after.id());
        }
        sql.append(" order by g.occurred_at desc, g.id desc");
        return db.entities(sql.toString(), params, SignIn.class, rows);
    }

    private static PreviousSignIn previous(SignIn latest) {
        if (latest == null) {
            return null;
        }
        var location = latest.location();
        GeoPoint point = location.hasCoordinates() ? new GeoPoint(location.latitude(), location.longitude()) : null;
        return new PreviousSignIn(latest.sessionId(), latest.occurredAt(), point, location.countryCode(), location.city());
    }

    private static Set<String> split(String joined) {
        return joined.isEmpty() ? Set.of() : Arrays.stream(joined.split(SEPARATOR)).collect(Collectors.toSet());
    }
}
