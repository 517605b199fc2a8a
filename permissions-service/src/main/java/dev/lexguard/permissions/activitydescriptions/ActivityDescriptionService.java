package dev.lexguard.permissions.activitydescriptions;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.accountpermissions.AccountPermissionsService;
import dev.lexguard.permissions.groupfilters.GroupFilter;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The firm's catalogue of billing activity descriptions. Each is visible to everyone or only to members of chosen
 * groups; lists and reads return only what the caller may see (administrators, who manage it, see all).
 */
@ApplicationScoped
public class ActivityDescriptionService {

    static final String SELECT = """
            select cast(a.id as text), a.name, cast(a.default_rate as text), a.category, a.visibility,
              (select string_agg(cast(ag.group_id as text), ',' order by ag.group_id) from activity_description_group ag
               where ag.activity_description_id = a.id), %s, %s
            from activity_description a
            where a.firm_id = :firm CONDITION
              and (ADMIN or a.visibility = 'everyone'
                   or exists (select 1 from activity_description_group ag
                              join group_member gm on gm.group_id = ag.group_id and gm.user_id = :user and gm.valid_to is null
                              where ag.activity_description_id = a.id))
            order by a.name, a.id limit :rows""".formatted(Database.micros("a.created_at"), Database.micros("a.updated_at"));
    static final String SAME_NAME = """
            select count(*) from activity_description where firm_id = :firm and lower(name) = lower(:name) and id <> :id""";
    static final String INSERT = """
            insert into activity_description (id, firm_id, name, default_rate, category, visibility)
            values (:id, :firm, :name, cast(:rate as numeric), cast(:category as text), :visibility)""";
    static final String UPDATE = """
            update activity_description set name = :name, default_rate = cast(:rate as numeric),
              category = cast(:category as text), visibility = :visibility, updated_at = now()
            where id = :id and firm_id = :firm""";
    static final String LOCK = "select count(*) from (select 1 from activity_description where id = :id and firm_id = :firm for update) x";
    static final String DELETE = "delete from activity_description where id = :id and firm_id = :firm";
    static final String CLEAR_GROUPS = "delete from activity_description_group where activity_description_id = :id";
    static final String SET_GROUPS = """
            insert into activity_description_group (firm_id, activity_description_id, group_id)
            select :firm, :id, g from unnest(cast(string_to_array(:groups, ',') as uuid[])) g""";
    static final String UNKNOWN_GROUPS = """
            select cast(p as text) from unnest(cast(string_to_array(:ids, ',') as uuid[])) p
            where not exists (select 1 from access_group g where g.id = p and g.firm_id = :firm and g.deleted_at is null)""";
    static final String WITH_GROUP = """
            select cast(activity_description_id as text) from activity_description_group where group_id = :group and firm_id = :firm
            order by activity_description_id""";
    static final String REPLACE_GROUP = """
            insert into activity_description_group (firm_id, activity_description_id, group_id)
            select firm_id, activity_description_id, :to from activity_description_group where group_id = :from and firm_id = :firm
            on conflict do nothing""";
    static final String DROP_GROUP = "delete from activity_description_group where group_id = :from and firm_id = :firm";

    private final AccountPermissionsService permissions;
    private final Database db;
    private final OutboxWriter outbox;

    public ActivityDescriptionService(AccountPermissionsService permissions, Database db, OutboxWriter outbox) {
        this.permissions = permissions;
        this.db = db;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<ActivityDescriptionResponse> create(UUID firmId, UUID actorId, ActivityDescriptionRequest request) {
        UUID id = UUID.randomUUID();
        validateShape(request);
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> requireValid(firmId, id, request))
                .chain(() -> db.update(INSERT, fields(firmId, id, request)))
                .onFailure(Database::isUniqueViolation).transform(e -> duplicateName())
                .chain(() -> setGroups(firmId, id, request.groups()))
                .chain(() -> publish(firmId, actorId, id, "created"))
                .chain(() -> one(firmId, actorId, id, true));
    }

    @WithTransaction
    public Uni<ActivityDescriptionResponse> update(UUID firmId, UUID actorId, UUID id, ActivityDescriptionRequest request) {
        validateShape(request);
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> requireExists(firmId, id))
                .chain(() -> requireValid(firmId, id, request))
                .chain(() -> db.update(UPDATE, fields(firmId, id, request)))
                .onFailure(Database::isUniqueViolation).transform(e -> duplicateName())
                .chain(() -> db.update(CLEAR_GROUPS, Map.of("id", id)))
                .chain(() -> setGroups(firmId, id, request.groups()))
                .chain(() -> publish(firmId, actorId, id, "updated"))
                .chain(() -> one(firmId, actorId, id, true));
    }

    @WithTransaction
    public Uni<Void> delete(UUID firmId, UUID actorId, UUID id) {
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> requireExists(firmId, id))
                .chain(() -> publish(firmId, actorId, id, "deleted"))
                .chain(() -> db.update(DELETE, Map.of("id", id, "firm", firmId)))
                .replaceWithVoid();
    }

    /** The description if the caller may see it; otherwise 404, as for one that does not exist. */
    @WithSession
    public Uni<ActivityDescriptionResponse> read(UUID firmId, UUID callerId, UUID id) {
        return permissions.isAdministrator(firmId, callerId).chain(admin -> one(firmId, callerId, id, admin));
    }

    /** The descriptions the caller may see, by name; a group filter keeps those restricted to one of its groups. */
    @WithSession
    public Uni<List<ActivityDescriptionResponse>> page(UUID firmId, UUID callerId, GroupFilter filter,
            Optional<Map<String, String>> after, int rows) {
        return permissions.isAdministrator(firmId, callerId).chain(admin -> {
            Map<String, Object> params = new HashMap<>(Map.of("firm", firmId, "user", callerId, "rows", rows));
            String condition = "";
            if (after.isPresent()) {
                condition = "and (a.name > :name or (a.name = :name and a.id > :after))";
                params.put("name", after.get().get("name"));
                params.put("after", UUID.fromString(after.get().get("id")));
            }
            filter.bind(params);
            condition = condition + " " + filter.descriptionCondition("user");
            return db.rows(SELECT.replace("CONDITION", condition).replace("ADMIN", admin ? "true" : "false"), params)
                    .map(list -> list.stream().map(ActivityDescriptionService::response).toList());
        });
    }

    /** Puts {@code to} in place of {@code from} on every description restricted to {@code from}; returns their ids. */
    public Uni<List<UUID>> reassignGroup(UUID firmId, UUID actorId, UUID from, UUID to) {
        Map<String, Object> params = Map.of("firm", firmId, "from", from, "to", to);
        return db.rows(WITH_GROUP, Map.of("group", from, "firm", firmId)).chain(rows -> {
            List<UUID> ids = rows.stream().map(row -> UUID.fromString((String) row[0])).toList();
            Uni<Void> chain = db.update(REPLACE_GROUP, params)
                    .chain(() -> db.update(DROP_GROUP, Map.of("firm", firmId, "from", from))).replaceWithVoid();
            for (UUID id : ids) {
                chain = chain.chain(() -> publish(firmId, actorId, id, "updated"));
            }
            return chain.replaceWith(ids);
        });
    }

    private Uni<ActivityDescriptionResponse> one(UUID firmId, UUID callerId, UUID id, boolean admin) {
        return db.rows(SELECT.replace("CONDITION", "and a.id = :id").replace("ADMIN", admin ? "true" : "false"),
                Map.of("firm", firmId, "user", callerId, "rows", 1, "id", id)).map(rows -> {
                    if (rows.isEmpty()) {
                        throw new NotFoundProblem();
                    }
                    return response(rows.get(0));
                });
    }

    private Uni<Void> publish(UUID firmId, UUID actorId, UUID id, String change) {
        return one(firmId, actorId, id, true).chain(current -> outbox.append(PermissionsEvents.byUser(
                PermissionsEvents.ACTIVITY_DESCRIPTION_CHANGED, id, firmId, actorId, new DescriptionChanged(id, change,
                        current.name(), current.defaultRate() == null ? null : current.defaultRate().toPlainString(),
                        current.category(), current.visibility().wireName(), current.groupIds()))));
    }

    private static ActivityDescriptionResponse response(Object[] row) {
        String groups = (String) row[5];
        return new ActivityDescriptionResponse(UUID.fromString((String) row[0]), (String) row[1],
                row[2] == null ? null : new BigDecimal((String) row[2]), (String) row[3], Visibility.of((String) row[4]),
                groups == null ? List.of() : Arrays.stream(groups.split(",")).map(UUID::fromString).toList(),
                Database.instant(row[6]), Database.instant(row[7]));
    }

    private Uni<Void> requireExists(UUID firmId, UUID id) {
        return db.rows(LOCK, Map.of("id", id, "firm", firmId)).invoke(rows -> {
            if (Database.count(rows) == 0) {
                throw new NotFoundProblem();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> requireValid(UUID firmId, UUID id, ActivityDescriptionRequest request) {
        return db.rows(SAME_NAME, Map.of("firm", firmId, "name", request.name().strip(), "id", id))
                .invoke(rows -> {
                    if (Database.count(rows) > 0) {
                        throw duplicateName();
                    }
                })
                .chain(() -> db.rows(UNKNOWN_GROUPS, Map.of("firm", firmId, "ids", csv(request.groups()))))
                .invoke(unknown -> {
                    if (!unknown.isEmpty()) {
                        List<FieldError> errors = unknown.stream()
                                .map(row -> new FieldError("groupIds", row[0] + " is not a group of this firm")).toList();
                        throw new BadRequestProblem("unknown-principals", "The description names groups this firm does not have", errors);
                    }
                })
                .replaceWithVoid();
    }

    private static void validateShape(ActivityDescriptionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.visibility() == Visibility.GROUPS && request.groups().isEmpty()) {
            errors.add(new FieldError("groupIds", "must name at least one group when visibility is groups"));
        }
        if (request.visibility() == Visibility.EVERYONE && !request.groups().isEmpty()) {
            errors.add(new FieldError("groupIds", "must be empty when visibility is everyone"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-visibility", "The visibility and the groups disagree", errors);
        }
    }

    private Uni<Void> setGroups(UUID firmId, UUID id, Set<UUID> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.update(SET_GROUPS, Map.of("firm", firmId, "id", id, "groups", csv(groups))).replaceWithVoid();
    }

    private static Map<String, Object> fields(UUID firmId, UUID id, ActivityDescriptionRequest request) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", id);
        fields.put("firm", firmId);
        fields.put("name", request.name().strip());
        fields.put("rate", request.defaultRate() == null ? null : request.defaultRate().setScale(2, RoundingMode.UNNECESSARY));
        fields.put("category", request.category() == null || request.category().isBlank() ? null : request.category().strip());
        fields.put("visibility", request.visibility().wireName());
        return fields;
    }

    private static String csv(Set<UUID> ids) {
        return new TreeSet<>(ids).stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static ConflictProblem duplicateName() {
        return new ConflictProblem("duplicate-name", "The firm already has an activity description with this name");
    }

    record DescriptionChanged(UUID activityDescriptionId, String change, String name, String defaultRate, String category,
            String visibility, List<UUID> groupIds) {
    }
}
