package dev.lexguard.permissions.accountpermissions;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.identityprojection.User;
import dev.lexguard.permissions.identityprojection.UserRepository;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Roles: named bundles of account permissions. A user's effective permissions are the union of the direct ones and
 * those of the user's roles. Changing or deleting a role recomputes every holder (each publishes its full set), and
 * is refused if it would leave the firm without an active administrator.
 */
@ApplicationScoped
public class RoleService {

    static final String SELECT = """
            select cast(id as text), name, permissions, %s, %s from role where firm_id = :firm CONDITION order by name, id limit :rows"""
            .formatted(Database.micros("created_at"), Database.micros("updated_at"));
    static final String SAME_NAME = "select count(*) from role where firm_id = :firm and lower(name) = lower(:name) and id <> :id";
    static final String INSERT = "insert into role (id, firm_id, name, permissions) values (:id, :firm, :name, :permissions)";
    static final String UPDATE = """
            update role set name = :name, permissions = :permissions, updated_at = now() where id = :id and firm_id = :firm""";
    static final String DELETE = "delete from role where id = :id and firm_id = :firm";
    static final String HOLDERS = "select cast(user_id as text) from user_role where role_id = :role order by user_id";
    static final String ASSIGN = """
            insert into user_role (firm_id, user_id, role_id) values (:firm, :user, :role) on conflict do nothing""";
    static final String UNASSIGN = "delete from user_role where user_id = :user and role_id = :role";

    private final AccountPermissionsService permissions;
    private final UserRepository users;
    private final Database db;
    private final OutboxWriter outbox;

    public RoleService(AccountPermissionsService permissions, UserRepository users, Database db, OutboxWriter outbox) {
        this.permissions = permissions;
        this.users = users;
        this.db = db;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<RoleResponse> create(UUID firmId, UUID actorId, RoleRequest request) {
        UUID id = UUID.randomUUID();
        String name = request.name().strip();
        List<String> granted = Permission.sorted(request.permissions());
        return permissions.lockFirm(firmId)
                .chain(() -> permissions.requireAdministrator(firmId, actorId))
                .chain(() -> requireUniqueName(firmId, id, name))
                .chain(() -> db.update(INSERT, Map.of("id", id, "firm", firmId, "name", name, "permissions", String.join(",", granted))))
                .chain(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.ROLE_CREATED, id, firmId, actorId,
                        new RoleChanged(id, name, granted))))
                .chain(() -> read(firmId, id));
    }

    @WithTransaction
    public Uni<RoleResponse> update(UUID firmId, UUID actorId, UUID roleId, RoleRequest request) {
        String name = request.name().strip();
        List<String> granted = Permission.sorted(request.permissions());
        return permissions.lockFirm(firmId)
                .chain(() -> permissions.requireAdministrator(firmId, actorId))
                .chain(() -> read(firmId, roleId))
                .chain(() -> requireUniqueName(firmId, roleId, name))
                .chain(() -> db.update(UPDATE, Map.of("id", roleId, "firm", firmId, "name", name, "permissions", String.join(",", granted))))
                .chain(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.ROLE_UPDATED, roleId, firmId, actorId,
                        new RoleChanged(roleId, name, granted))))
                .chain(() -> holders(roleId))
                .chain(holders -> recomputeAll(holders, actorId))
                .chain(() -> permissions.requireAnAdministrator(firmId))
                .chain(() -> read(firmId, roleId));
    }

    @WithTransaction
    public Uni<Void> delete(UUID firmId, UUID actorId, UUID roleId) {
        return permissions.lockFirm(firmId)
                .chain(() -> permissions.requireAdministrator(firmId, actorId))
                .chain(() -> read(firmId, roleId))
                .chain(role -> holders(roleId).chain(holders -> db.update(DELETE, Map.of("id", roleId, "firm", firmId))
                        .chain(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.ROLE_DELETED, roleId, firmId, actorId,
                                new RoleDeleted(roleId, role.name()))))
                        .chain(() -> recomputeAll(holders, actorId))))
                .chain(() -> permissions.requireAnAdministrator(firmId));
    }

    /** Gives the user the role; the same rules as direct permissions (not one's own, not the owner's). */
    @WithTransaction
    public Uni<UserPermissionsResponse> assign(UUID firmId, UUID actorId, UUID userId, UUID roleId) {
        return change(firmId, actorId, userId, roleId, true);
    }

    @WithTransaction
    public Uni<UserPermissionsResponse> unassign(UUID firmId, UUID actorId, UUID userId, UUID roleId) {
        return change(firmId, actorId, userId, roleId, false);
    }

    @WithSession
    public Uni<RoleResponse> find(UUID firmId, UUID roleId) {
        return read(firmId, roleId);
    }

    @WithSession
    public Uni<List<RoleResponse>> page(UUID firmId, Optional<Map<String, String>> after, int rows) {
        Map<String, Object> params = new HashMap<>(Map.of("firm", firmId, "rows", rows));
        String condition = "";
        if (after.isPresent()) {
            condition = "and (name > :name or (name = :name and id > :after))";
            params.put("name", after.get().get("name"));
            params.put("after", UUID.fromString(after.get().get("id")));
        }
        return db.rows(SELECT.replace("CONDITION", condition), params).map(list -> list.stream().map(RoleService::response).toList());
    }

    private Uni<UserPermissionsResponse> change(UUID firmId, UUID actorId, UUID userId, UUID roleId, boolean assign) {
        Map<String, Object> params = Map.of("firm", firmId, "user", userId, "role", roleId);
        return permissions.lockFirm(firmId)
                .chain(() -> permissions.requireAdministrator(firmId, actorId))
                .chain(() -> users.findInFirm(firmId, userId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .call(() -> read(firmId, roleId))
                .invoke(user -> {
                    if (user.id().equals(actorId)) {
                        throw new BusinessRuleProblem("own-permissions", "Administrators cannot change their own permissions");
                    }
                    if (user.owner()) {
                        throw new BusinessRuleProblem("owner-permissions", "The firm's owner always holds every permission");
                    }
                })
                .call(user -> assign ? db.update(ASSIGN, params)
                        : db.update(UNASSIGN, Map.of("user", userId, "role", roleId)).invoke(removed -> {
                            if (removed == 0) {
                                throw new NotFoundProblem("The user does not have this role");
                            }
                        }))
                .call(user -> permissions.recompute(user, actorId.toString(), ActorType.USER))
                .call(() -> permissions.requireAnAdministrator(firmId))
                .chain(permissions::describe);
    }

    private Uni<RoleResponse> read(UUID firmId, UUID roleId) {
        return db.rows(SELECT.replace("CONDITION", "and id = :id"), Map.of("firm", firmId, "id", roleId, "rows", 1)).map(rows -> {
            if (rows.isEmpty()) {
                throw new NotFoundProblem();
            }
            return response(rows.get(0));
        });
    }

    private Uni<List<UUID>> holders(UUID roleId) {
        return db.rows(HOLDERS, Map.of("role", roleId)).map(rows -> rows.stream().map(row -> UUID.fromString((String) row[0])).toList());
    }

    private Uni<Void> recomputeAll(List<UUID> holders, UUID actorId) {
        if (holders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return users.list("id in ?1 order by id", holders).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (User user : list) {
                chain = chain.chain(() -> permissions.recompute(user, actorId.toString(), ActorType.USER)).replaceWithVoid();
            }
            return chain;
        });
    }

    private Uni<Void> requireUniqueName(UUID firmId, UUID roleId, String name) {
        return db.rows(SAME_NAME, Map.of("firm", firmId, "name", name, "id", roleId)).invoke(rows -> {
            if (Database.count(rows) > 0) {
                throw new ConflictProblem("duplicate-name", "The firm already has a role with this name");
            }
        }).replaceWithVoid();
    }

    private static RoleResponse response(Object[] row) {
        String csv = (String) row[2];
        return new RoleResponse(UUID.fromString((String) row[0]), (String) row[1], csv.isEmpty() ? List.of() : List.of(csv.split(",")),
                Database.instant(row[3]), Database.instant(row[4]));
    }

    record RoleChanged(UUID roleId, String name, List<String> permissions) {
    }

    record RoleDeleted(UUID roleId, String name) {
    }
}
