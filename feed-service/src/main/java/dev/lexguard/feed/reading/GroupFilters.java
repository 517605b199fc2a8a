package dev.lexguard.feed.reading;

import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The group filter of a feed request: the {@code group} entries it names, or else the reader's saved default
 * (projected from permissions-service's groupfilter.changed). The groups are the feed's projection of the firm's
 * groups (feed_group), so an unknown, deleted or another firm's group is told apart from an empty one.
 */
@ApplicationScoped
public class GroupFilters {

    static final String UNKNOWN_GROUPS = """
            select cast(p as text) from unnest(cast(string_to_array($2, ',') as uuid[])) p
            where not exists (select 1 from feed_group g where g.firm_id = $1 and g.id = p)""";
    static final String SAVED = """
            select f.mine, (select string_agg(cast(g.id as text), ',' order by g.id) from feed_group g
                            where g.firm_id = f.firm_id and g.id = any(f.group_ids))
            from feed_group_filter f where f.firm_id = $1 and f.user_id = $2""";

    private final Pool pool;

    public GroupFilters(Pool pool) {
        this.pool = pool;
    }

    /**
     * The filter of a request: the {@code group} entries if any ({@code all}: none; a group the firm does not have: 404,
     * as permissions-service answers for the same parameter on its lists), else the reader's saved default. Malformed
     * entries are a 400 at once, before any query.
     */
    public Uni<GroupFilter> effective(UUID firmId, UUID userId, List<String> requested) {
        if (requested != null && !requested.isEmpty()) {
            GroupFilter filter = GroupFilter.parse(requested);
            if (filter.groupIds().isEmpty()) {
                return Uni.createFrom().item(filter);
            }
            return pool.preparedQuery(UNKNOWN_GROUPS).execute(Tuple.of(firmId, filter.csv())).map(rows -> {
                if (rows.size() > 0) {
                    throw new NotFoundProblem("The filter names a group this firm does not have");
                }
                return filter;
            });
        }
        return saved(firmId, userId);
    }

    /** The reader's saved default, groups deleted since left out; none saved: no filter. */
    public Uni<GroupFilter> saved(UUID firmId, UUID userId) {
        return pool.preparedQuery(SAVED).execute(Tuple.of(firmId, userId)).map(rows -> {
            if (rows.size() == 0) {
                return GroupFilter.NONE;
            }
            Row row = rows.iterator().next();
            String ids = row.getString(1);
            return new GroupFilter(row.getBoolean(0), ids == null ? new TreeSet<>()
                    : Arrays.stream(ids.split(",")).map(UUID::fromString).collect(Collectors.toCollection(TreeSet::new)));
        });
    }
}
