package dev.lexguard.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SQL on the current reactive session, so set-based statements and projections join the caller's
 * {@code @WithTransaction} (and with it the outbox row).
 */
public final class NativeSql {

    private NativeSql() {
    }

    public static Uni<Integer> update(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> bind(session.<Object>createNativeQuery(sql), params).executeUpdate());
    }

    /** Single-column rows as values; several columns as {@code Object[]}. */
    public static Uni<List<Object>> rows(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> bind(session.<Object>createNativeQuery(sql), params).getResultList());
    }

    private static Mutiny.Query<Object> bind(Mutiny.Query<Object> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }
}
