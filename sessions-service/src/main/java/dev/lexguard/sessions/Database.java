package dev.lexguard.sessions;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Native SQL on the current reactive session, so statements join the caller's {@code @WithTransaction}
 * (and with it the outbox row). Used where HQL cannot say it: inet containment for IP/CIDR filters,
 * intervals computed from policy columns, set-based purges.
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

    /** Rows of a native query mapped to an entity (the statement selects all of its table's columns). */
    public <T> Uni<List<T>> entities(String sql, Map<String, Object> params, Class<T> type, int maxRows) {
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<T> query = session.createNativeQuery(sql, type);
            params.forEach(query::setParameter);
            return query.setMaxResults(maxRows).getResultList();
        });
    }

    private static <T> Mutiny.Query<T> bind(Mutiny.Query<T> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }

    private static List<Object[]> asArrays(List<Object> rows) {
        List<Object[]> result = new ArrayList<>(rows.size());
        for (Object row : rows) {
            result.add(row instanceof Object[] columns ? columns : new Object[] {row});
        }
        return result;
    }
}
