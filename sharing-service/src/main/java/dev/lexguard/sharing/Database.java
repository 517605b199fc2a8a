package dev.lexguard.sharing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SQL on the current reactive session, so statements join the caller's {@code @WithTransaction}
 * (and with it the outbox row). Used for the projection's upserts and the set-based sweeps.
 */
@ApplicationScoped
public class Database {

    public Uni<Integer> update(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql), params).executeUpdate());
    }

    /** Every row as an array of its columns, whatever the number of columns. */
    public Uni<List<Object[]>> rows(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> bind(session.<Object>createNativeQuery(sql), params).getResultList())
                .map(Database::asArrays);
    }

    private static <T> Mutiny.Query<T> bind(Mutiny.Query<T> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }

    /** SQL for a timestamptz column as whole microseconds since the epoch (read back with {@link #instant}). */
    public static String micros(String column) {
        return "cast(floor(extract(epoch from " + column + ") * 1000000) as bigint)";
    }

    public static Instant instant(Object micros) {
        return micros == null ? null : Instant.EPOCH.plus(((Number) micros).longValue(), ChronoUnit.MICROS);
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static List<Object[]> asArrays(List<Object> rows) {
        List<Object[]> result = new ArrayList<>(rows.size());
        for (Object row : rows) {
            result.add(row instanceof Object[] columns ? columns : new Object[] {row});
        }
        return result;
    }
}
