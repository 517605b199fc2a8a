package dev.lexguard.permissions.groupfilters;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Group filters of the matter and activity description lists: the filter a request names, or else the caller's saved
 * default. Saved filters live per user; deleting a group takes it out of them (see {@link #groupDeleted}).
 */
@ApplicationScoped
public class GroupFilterService {

    static final String UNKNOWN_GROUPS = """
            select cast(p as text) from unnest(cast(string_to_array(:ids, ',') as uuid[])) p
            where not exists (select 1 from access_group g where g.id = p and g.firm_id = :firm and g.deleted_at is null)
            order by p""";
    static final String SAVED = """
            select f.mine, (select string_agg(cast(g.id as text), ',' order by g.id) from access_group g
                            where g.id = any(f.group_ids) and g.firm_id = f.firm_id and g.deleted_at is null)
            from saved_group_filter f where f.user_id = :user and f.firm_id = :firm""";
    static final String SAVE = """
            insert into saved_group_filter (user_id, firm_id, mine, group_ids, updated_at)
            select u.id, u.firm_id, :mine, cast(string_to_array(:ids, ',') as uuid[]), now() from app_user u
            where u.id = :user and u.firm_id = :firm
            on conflict (user_id) do update set mine = excluded.mine, group_ids = excluded.group_ids, updated_at = now()""";
    static final String CLEAR = "delete from saved_group_filter where user_id = :user and firm_id = :firm";
    static final String REPLACE_GROUP = """
            update saved_group_filter set updated_at = now(),
              group_ids = array(select distinct g from unnest(array_replace(group_ids, cast(:from as uuid), cast(:to as uuid))) g order by g)
            where firm_id = :firm and group_ids @> array[cast(:from as uuid)]""";
    static final String REMOVE_GROUP = """
            update saved_group_filter set updated_at = now(), group_ids = array_remove(group_ids, cast(:from as uuid))
            where firm_id = :firm and group_ids @> array[cast(:from as uuid)]""";
    static final String DROP_EMPTY = "delete from saved_group_filter where firm_id = :firm and not mine and cardinality(group_ids) = 0";

    private final Database db;
    private final OutboxWriter outbox;

    public GroupFilterService(Database db, OutboxWriter outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /**
     * The filter of a list request: the {@code group} query entries if any ({@code all}: none; an unknown, deleted or
     * another firm's group: 404, as for every id the firm does not have), else the caller's saved default.
     */
    @WithSession
    public Uni<GroupFilter> effective(UUID firmId, UUID callerId, List<String> requested) {
        if (requested != null && !requested.isEmpty()) {
            GroupFilter filter = GroupFilter.parse(requested, "group", true);
            return unknownGroups(firmId, filter).map(unknown -> {
                if (!unknown.isEmpty()) {
                    throw new NotFoundProblem("The filter names a group this firm does not have");
                }
                return filter;
            });
        }
        return saved(firmId, callerId);
    }

    /** The caller's saved default (groups deleted since are left out); none saved: the empty filter. */
    @WithSession
    public Uni<GroupFilter> saved(UUID firmId, UUID userId) {
        return db.rows(SAVED, Map.of("user", userId, "firm", firmId)).map(rows -> {
            if (rows.isEmpty()) {
                return GroupFilter.NONE;
            }
            String ids = (String) rows.get(0)[1];
            return new GroupFilter((Boolean) rows.get(0)[0], ids == null ? new TreeSet<>()
                    : Arrays.stream(ids.split(",")).map(UUID::fromString).collect(Collectors.toCollection(TreeSet::new)));
        });
    }

    /**
     * Saves the caller's default; an empty list removes it. Groups the firm does not have are a 400 naming them, as
     * on access lists. The user must be known to this service (404 otherwise). Publishes groupfilter.changed with the
     * groups as saved and as they were, in the same transaction (the feed applies the default too).
     */
    @WithTransaction
    public Uni<GroupFilter> save(UUID firmId, UUID userId, List<String> entries) {
        GroupFilter filter = GroupFilter.parse(entries, "groups", false);
        return saved(firmId, userId).chain(previous -> store(firmId, userId, filter)
                .call(stored -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.GROUP_FILTER_CHANGED, userId, firmId, userId,
                        new GroupFilterChanged(userId, stored.entries(), previous.entries())))));
    }

    private Uni<GroupFilter> store(UUID firmId, UUID userId, GroupFilter filter) {
        if (!filter.active()) {
            return db.update(CLEAR, Map.of("user", userId, "firm", firmId)).replaceWith(GroupFilter.NONE);
        }
        return unknownGroups(firmId, filter).chain(unknown -> {
            if (!unknown.isEmpty()) {
                List<FieldError> errors = unknown.stream().map(id -> new FieldError("groups", id + " is not a group of this firm")).toList();
                throw new BadRequestProblem("unknown-principals", "The filter names groups this firm does not have", errors);
            }
            return db.update(SAVE, Map.of("user", userId, "firm", firmId, "mine", filter.mine(), "ids", filter.csv()));
        }).map(saved -> {
            if (saved == 0) {
                throw new NotFoundProblem();
            }
            return filter;
        });
    }

    /** The data of groupfilter.changed: entries as the API spells them (mine first, then group ids). */
    record GroupFilterChanged(UUID userId, List<String> groups, List<String> previousGroups) {
    }

    /**
     * Part of a group's deletion (in its transaction): saved filters naming the group name {@code reassignedTo}
     * instead when given, else lose it; a filter left empty is removed.
     */
    public Uni<Void> groupDeleted(UUID firmId, UUID groupId, UUID reassignedTo) {
        Uni<Integer> change = reassignedTo == null
                ? db.update(REMOVE_GROUP, Map.of("firm", firmId, "from", groupId))
                : db.update(REPLACE_GROUP, Map.of("firm", firmId, "from", groupId, "to", reassignedTo));
        return change.chain(() -> db.update(DROP_EMPTY, Map.of("firm", firmId))).replaceWithVoid();
    }

    private Uni<List<String>> unknownGroups(UUID firmId, GroupFilter filter) {
        if (filter.groupIds().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return db.rows(UNKNOWN_GROUPS, Map.of("firm", firmId, "ids", filter.csv()))
                .map(rows -> rows.stream().map(row -> (String) row[0]).toList());
    }
}
