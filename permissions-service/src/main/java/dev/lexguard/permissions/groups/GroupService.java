package dev.lexguard.permissions.groups;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.accountpermissions.AccountPermissionsService;
import dev.lexguard.permissions.groupfilters.GroupFilterService;
import dev.lexguard.permissions.identityprojection.UserRepository;
import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GroupService {

    static final String SAME_NAME = """
            select count(*) from access_group
            where firm_id = :firm and lower(name) = lower(:name) and deleted_at is null and id <> :id""";
    static final String ADD_MEMBER = """
            insert into group_member (firm_id, group_id, user_id, valid_from) values (:firm, :group, :user, now())
            on conflict (group_id, user_id) where valid_to is null do nothing""";
    static final String REMOVE_MEMBER = """
            update group_member set valid_to = now() where group_id = :group and user_id = :user and valid_to is null""";
    static final String END_MEMBERSHIPS = "update group_member set valid_to = now() where group_id = :group and valid_to is null";
    static final String MEMBERS = """
            select cast(u.id as text), u.display_name, u.status, %s from group_member gm join app_user u on u.id = gm.user_id
            where gm.group_id = :group and gm.valid_to is null %s order by u.display_name, u.id limit :rows"""
            .formatted(Database.micros("gm.valid_from"), "%s");
    static final String MATTERS_RESTRICTED = """
            select m.display_number from matter_access_entry e join matter m on m.id = e.matter_id
            where e.principal_id = :group and e.kind = 'group' and e.valid_to is null order by m.display_number""";
    static final String DESCRIPTIONS_RESTRICTED = """
            select a.name from activity_description_group ag join activity_description a on a.id = ag.activity_description_id
            where ag.group_id = :group order by a.name""";

    private final GroupRepository groups;
    private final UserRepository users;
    private final AccountPermissionsService permissions;
    private final Database db;
    private final OutboxWriter outbox;
    private final GroupReassignment reassignment;
    private final GroupFilterService filters;

    public GroupService(GroupRepository groups, UserRepository users, AccountPermissionsService permissions, Database db,
            OutboxWriter outbox, GroupReassignment reassignment, GroupFilterService filters) {
        this.filters = filters;
        this.groups = groups;
        this.users = users;
        this.permissions = permissions;
        this.db = db;
        this.outbox = outbox;
        this.reassignment = reassignment;
    }

    @WithTransaction
    public Uni<GroupResponse> create(UUID firmId, UUID actorId, GroupRequest request) {
        AccessGroup group = new AccessGroup(UUID.randomUUID(), firmId, request.name().strip(), description(request),
                request.kind(), now());
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> requireUniqueName(firmId, group.id(), group.name()))
                .chain(() -> groups.persistAndFlush(group))
                .onFailure(Database::isUniqueViolation).transform(e -> duplicateName())
                .call(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.GROUP_CREATED, group.id(), firmId, actorId,
                        GroupChanged.of(group))))
                .map(GroupResponse::of);
    }

    @WithTransaction
    public Uni<GroupResponse> update(UUID firmId, UUID actorId, UUID groupId, GroupRequest request) {
        String name = request.name().strip();
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> groups.findInFirm(firmId, groupId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .call(group -> requireUniqueName(firmId, groupId, name))
                .chain(group -> {
                    GroupChanged before = GroupChanged.of(group);
                    group.update(name, description(request), request.kind(), now());
                    return groups.flush().onFailure(Database::isUniqueViolation).transform(e -> duplicateName())
                            .chain(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.GROUP_UPDATED, groupId, firmId,
                                    actorId, new Change(before, GroupChanged.of(group)))))
                            .replaceWith(group);
                })
                .map(GroupResponse::of);
    }

    /**
     * Deletes a group. If it still restricts matters or activity descriptions, {@code reassignTo} must name the
     * group that takes over its place in those lists; otherwise the answer is a 409 naming them.
     */
    @WithTransaction
    public Uni<Void> delete(UUID firmId, UUID actorId, UUID groupId, UUID reassignTo) {
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> groups.findInFirm(firmId, groupId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(group -> (reassignTo == null ? Uni.createFrom().item((AccessGroup) null) : reassignmentTarget(firmId, groupId, reassignTo))
                        .chain(target -> target == null ? refuseIfInUse(group).replaceWith(GroupReassignment.Outcome.NONE)
                                : reassignment.reassign(firmId, actorId, groupId, target.id()))
                        .chain(outcome -> {
                            group.delete(now());
                            return db.update(END_MEMBERSHIPS, Map.of("group", groupId))
                                    .chain(() -> filters.groupDeleted(firmId, groupId, reassignTo))
                                    .chain(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.GROUP_DELETED, groupId,
                                            firmId, actorId, new GroupDeleted(groupId, group.name(), reassignTo,
                                                    outcome.matterIds(), outcome.activityDescriptionIds()))));
                        }));
    }

    @WithSession
    public Uni<GroupResponse> read(UUID firmId, UUID groupId) {
        return groups.findInFirm(firmId, groupId).onItem().ifNull().failWith(NotFoundProblem::new).map(GroupResponse::of);
    }

    @WithSession
    public Uni<List<GroupResponse>> page(UUID firmId, Optional<Map<String, String>> after, int rows) {
        return groups.page(firmId, after, rows).map(list -> list.stream().map(GroupResponse::of).toList());
    }

    /** Adds the user to the group; adding a current member again changes nothing and publishes nothing. */
    @WithTransaction
    public Uni<Void> addMember(UUID firmId, UUID actorId, UUID groupId, UUID userId) {
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> groups.findInFirm(firmId, groupId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(() -> users.findInFirm(firmId, userId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .invoke(user -> {
                    if (user.deactivated()) {
                        throw new BusinessRuleProblem("user-deactivated", "A deactivated user cannot join a group");
                    }
                })
                .chain(user -> db.update(ADD_MEMBER, Map.of("firm", firmId, "group", groupId, "user", userId)))
                .chain(added -> added == 0 ? Uni.createFrom().voidItem()
                        : outbox.append(PermissionsEvents.byUser(PermissionsEvents.GROUP_MEMBER_ADDED, groupId, firmId, actorId,
                                new Membership(groupId, userId))));
    }

    @WithTransaction
    public Uni<Void> removeMember(UUID firmId, UUID actorId, UUID groupId, UUID userId) {
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> groups.findInFirm(firmId, groupId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(() -> db.update(REMOVE_MEMBER, Map.of("group", groupId, "user", userId)))
                .chain(removed -> {
                    if (removed == 0) {
                        return Uni.createFrom().failure(new NotFoundProblem());
                    }
                    return outbox.append(PermissionsEvents.byUser(PermissionsEvents.GROUP_MEMBER_REMOVED, groupId, firmId, actorId,
                            new Membership(groupId, userId)));
                });
    }

    @WithSession
    public Uni<List<MemberResponse>> members(UUID firmId, UUID groupId, Optional<Map<String, String>> after, int rows) {
        Map<String, Object> params = new HashMap<>(Map.of("group", groupId, "rows", rows));
        String keyset = "";
        if (after.isPresent()) {
            keyset = "and (u.display_name > :name or (u.display_name = :name and u.id > :id))";
            params.put("name", after.get().get("name"));
            params.put("id", UUID.fromString(after.get().get("id")));
        }
        String sql = MEMBERS.formatted(keyset);
        return groups.findInFirm(firmId, groupId).onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(() -> db.rows(sql, params))
                .map(list -> list.stream().map(row -> new MemberResponse(UUID.fromString((String) row[0]), (String) row[1],
                        (String) row[2], Database.instant(row[3]))).toList());
    }

    private Uni<AccessGroup> reassignmentTarget(UUID firmId, UUID groupId, UUID reassignTo) {
        if (reassignTo.equals(groupId)) {
            return Uni.createFrom().failure(new BusinessRuleProblem("invalid-reassignment",
                    "A group cannot be reassigned to itself"));
        }
        return groups.findInFirm(firmId, reassignTo).onItem().ifNull().failWith(() -> new BusinessRuleProblem(
                "invalid-reassignment", "The group to reassign to does not exist"));
    }

    private Uni<Void> refuseIfInUse(AccessGroup group) {
        Map<String, Object> byGroup = Map.of("group", group.id());
        return db.rows(MATTERS_RESTRICTED, byGroup).chain(matters -> db.rows(DESCRIPTIONS_RESTRICTED, byGroup).invoke(descriptions -> {
            if (matters.isEmpty() && descriptions.isEmpty()) {
                return;
            }
            throw new ConflictProblem("group-in-use", "The group still restricts " + matters.size() + " matter(s)"
                    + names(matters) + " and " + descriptions.size() + " activity description(s)" + names(descriptions)
                    + "; delete it with reassignTo=<group id> to move their access to another group");
        })).replaceWithVoid();
    }

    private static String names(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        List<String> names = rows.stream().limit(20).map(row -> (String) row[0]).toList();
        return " (" + String.join(", ", names) + (rows.size() > names.size() ? ", ..." : "") + ")";
    }

    private Uni<Void> requireUniqueName(UUID firmId, UUID groupId, String name) {
        return db.rows(SAME_NAME, Map.of("firm", firmId, "name", name, "id", groupId)).invoke(rows -> {
            if (Database.count(rows) > 0) {
                throw duplicateName();
            }
        }).replaceWithVoid();
    }

    private static ConflictProblem duplicateName() {
        return new ConflictProblem("duplicate-name", "The firm already has a group with this name");
    }

    private static String description(GroupRequest request) {
        return request.description() == null ? "" : request.description().strip();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    record GroupChanged(UUID groupId, String name, String description, String kind) {
        static GroupChanged of(AccessGroup group) {
            return new GroupChanged(group.id(), group.name(), group.description(), group.kind().wireName());
        }
    }

    record GroupDeleted(UUID groupId, String name, UUID reassignedTo, List<UUID> affectedMatterIds,
            List<UUID> affectedActivityDescriptionIds) {
    }

    record Membership(UUID groupId, UUID userId) {
    }
}
