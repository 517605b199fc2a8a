package dev.lexguard.permissions.accountpermissions;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.identityprojection.EffectivePermissions;
import dev.lexguard.permissions.identityprojection.Firm;
import dev.lexguard.permissions.identityprojection.FirmRepository;
import dev.lexguard.permissions.identityprojection.User;
import dev.lexguard.permissions.identityprojection.UserRepository;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Account permissions: what a user holds directly, through roles, or as the firm's owner (everything), kept
 * as the effective set with its history. Every change of a user's effective set publishes
 * {@code accountpermissions.changed} with the full set, so identity can put it in tokens.
 */
@ApplicationScoped
public class AccountPermissionsService implements EffectivePermissions {

    static final String CURRENT_PERMISSIONS = """
            select permission from effective_permission where user_id = :user and valid_to is null order by permission""";
    static final String ROLE_PERMISSIONS = """
            select r.permissions from role r join user_role ur on ur.role_id = r.id where ur.user_id = :user""";
    static final String ROLES_OF_USER = """
            select cast(r.id as text), r.name from role r join user_role ur on ur.role_id = r.id
            where ur.user_id = :user order by r.name, r.id""";
    static final String CLOSE_REMOVED = """
            update effective_permission set valid_to = now()
            where user_id = :user and valid_to is null and permission <> all(string_to_array(:keep, ','))""";
    static final String OPEN_ADDED = """
            insert into effective_permission (firm_id, user_id, permission, valid_from)
            select :firm, :user, p, now() from unnest(string_to_array(:added, ',')) p""";
    static final String IS_ACTIVE_ADMINISTRATOR = """
            select count(*) from app_user u
            join effective_permission p on p.user_id = u.id and p.permission = 'administrator' and p.valid_to is null
            where u.id = :user and u.firm_id = :firm and u.status <> 'deactivated'""";
    static final String ACTIVE_ADMINISTRATORS = """
            select count(*) from app_user u
            join effective_permission p on p.user_id = u.id and p.permission = 'administrator' and p.valid_to is null
            where u.firm_id = :firm and u.status <> 'deactivated'""";

    private final FirmRepository firms;
    private final UserRepository users;
    private final Database db;
    private final OutboxWriter outbox;

    public AccountPermissionsService(FirmRepository firms, UserRepository users, Database db, OutboxWriter outbox) {
        this.firms = firms;
        this.users = users;
        this.db = db;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<UserPermissionsResponse> read(UUID firmId, UUID callerId, UUID userId) {
        Uni<Void> allowed = callerId.equals(userId) ? Uni.createFrom().voidItem() : requireAdministrator(firmId, callerId);
        return allowed.chain(() -> users.findInFirm(firmId, userId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(this::describe);
    }

    /** Replaces the permissions granted to {@code userId} directly (roles and ownership are separate). */
    @WithTransaction
    public Uni<UserPermissionsResponse> setDirect(UUID firmId, UUID actorId, UUID userId, Set<Permission> permissions) {
        return lockFirm(firmId)
                .chain(() -> requireAdministrator(firmId, actorId))
                .chain(() -> users.findInFirm(firmId, userId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .invoke(user -> {
                    if (user.id().equals(actorId)) {
                        throw new BusinessRuleProblem("own-permissions", "Administrators cannot change their own permissions");
                    }
                    if (user.owner()) {
                        throw new BusinessRuleProblem("owner-permissions", "The firm's owner always holds every permission");
                    }
                    user.grantDirectly(Permission.sorted(permissions));
                })
                .call(user -> recompute(user, actorId.toString(), ActorType.USER))
                .call(() -> requireAnAdministrator(firmId))
                .chain(this::describe);
    }

    /** Hands ownership to another active user of the firm; only the owner may. The old owner keeps every permission directly. */
    @WithTransaction
    public Uni<UserPermissionsResponse> transferOwnership(UUID firmId, UUID actorId, UUID newOwnerId, Runnable requireStepUp) {
        return lockFirm(firmId).chain(firm -> {
            if (!firm.ownerId().equals(actorId)) {
                throw new ForbiddenProblem("owner-only", "Only the firm's owner can transfer ownership");
            }
            requireStepUp.run();
            if (newOwnerId.equals(actorId)) {
                throw new BusinessRuleProblem("already-owner", "The caller already owns the firm");
            }
            return users.findInFirm(firmId, newOwnerId)
                    .onItem().ifNull().failWith(NotFoundProblem::new)
                    .chain(newOwner -> {
                        if (!User.ACTIVE.equals(newOwner.status())) {
                            throw new BusinessRuleProblem("owner-not-active", "Only an active user can own the firm");
                        }
                        return users.findInFirm(firmId, actorId).chain(oldOwner -> {
                            firm.transferOwnership(newOwnerId);
                            newOwner.makeOwner(true);
                            oldOwner.makeOwner(false);
                            oldOwner.grantDirectly(Permission.all());
                            return recompute(oldOwner, actorId.toString(), ActorType.USER)
                                    .chain(() -> recompute(newOwner, actorId.toString(), ActorType.USER))
                                    .chain(() -> outbox.append(PermissionsEvents.byUser(PermissionsEvents.OWNERSHIP_TRANSFERRED,
                                            firmId, firmId, actorId, new OwnershipTransferred(actorId, newOwnerId))))
                                    .chain(() -> describe(newOwner));
                        });
                    });
        });
    }

    /**
     * Recomputes the user's effective permissions (owner: all; else direct plus roles) inside the caller's
     * transaction; if they changed, closes and opens history rows and publishes the full set.
     */
    @Override
    public Uni<List<String>> recompute(User user, String actorId, ActorType actorType) {
        Map<String, Object> byUser = Map.of("user", user.id());
        return db.rows(ROLE_PERMISSIONS, byUser).chain(rolePermissions -> {
            TreeSet<String> effective = new TreeSet<>();
            if (user.owner()) {
                effective.addAll(Permission.all());
            } else {
                effective.addAll(user.directPermissions());
                rolePermissions.forEach(row -> split((String) row[0], effective));
            }
            return db.rows(CURRENT_PERMISSIONS, byUser).chain(currentRows -> {
                TreeSet<String> current = new TreeSet<>();
                currentRows.forEach(row -> current.add((String) row[0]));
                if (current.equals(effective)) {
                    return Uni.createFrom().item(List.copyOf(effective));
                }
                List<String> added = new ArrayList<>(effective);
                added.removeAll(current);
                return db.update(CLOSE_REMOVED, Map.of("user", user.id(), "keep", String.join(",", effective)))
                        .chain(() -> db.update(OPEN_ADDED, Map.of("firm", user.firmId(), "user", user.id(),
                                "added", String.join(",", added))))
                        .chain(() -> roleIds(user.id()))
                        .chain(roleIds -> outbox.append(new EventDraft(PermissionsEvents.PERMISSIONS_CHANGED,
                                user.id().toString(), user.firmId(), actorId, actorType, null,
                                new PermissionsChanged(user.id(), List.copyOf(effective), List.copyOf(current),
                                        user.directPermissions(), roleIds, user.owner()))))
                        .replaceWith(List.copyOf(effective));
            });
        });
    }

    /** @throws ForbiddenProblem {@code missing-permission} unless the user is an active administrator now */
    public Uni<Void> requireAdministrator(UUID firmId, UUID userId) {
        return isAdministrator(firmId, userId).invoke(admin -> {
            if (!admin) {
                throw ForbiddenProblem.missingPermission(Permission.ADMINISTRATOR.wireName());
            }
        }).replaceWithVoid();
    }

    /**
     * Whether the user is an active administrator now, by this service's records rather than the token's
     * {@code groups}: a token issued before a permission was removed must not keep the permission for ten minutes.
     */
    public Uni<Boolean> isAdministrator(UUID firmId, UUID userId) {
        return db.rows(IS_ACTIVE_ADMINISTRATOR, Map.of("firm", firmId, "user", userId))
                .map(rows -> ((Number) rows.get(0)[0]).longValue() > 0);
    }

    /** Fails the transaction (so nothing of it is applied) if the firm would be left without an active administrator. */
    public Uni<Void> requireAnAdministrator(UUID firmId) {
        return db.rows(ACTIVE_ADMINISTRATORS, Map.of("firm", firmId)).invoke(rows -> {
            if (((Number) rows.get(0)[0]).longValue() == 0) {
                throw new BusinessRuleProblem("last-administrator", "The firm's last active administrator cannot lose the permission");
            }
        }).replaceWithVoid();
    }

    /** Locks the firm's row for the transaction; an unknown firm (not yet projected) is a 404. */
    public Uni<Firm> lockFirm(UUID firmId) {
        return firms.lock(firmId).onItem().ifNull().failWith(NotFoundProblem::new);
    }

    Uni<UserPermissionsResponse> describe(User user) {
        Map<String, Object> byUser = Map.of("user", user.id());
        return db.rows(CURRENT_PERMISSIONS, byUser).chain(current -> db.rows(ROLES_OF_USER, byUser).map(roles ->
                new UserPermissionsResponse(user.id(), user.displayName(), user.status(), user.owner(),
                        current.stream().map(row -> (String) row[0]).toList(), user.directPermissions(),
                        roles.stream().map(row -> new UserPermissionsResponse.RoleRef(UUID.fromString((String) row[0]),
                                (String) row[1])).toList())));
    }

    private Uni<List<UUID>> roleIds(UUID userId) {
        return db.rows(ROLES_OF_USER, Map.of("user", userId))
                .map(rows -> rows.stream().map(row -> UUID.fromString((String) row[0])).toList());
    }

    private static void split(String csv, Set<String> into) {
        if (csv != null && !csv.isEmpty()) {
            into.addAll(List.of(csv.split(",")));
        }
    }

    record PermissionsChanged(UUID userId, List<String> permissions, List<String> previousPermissions,
            List<String> directPermissions, List<UUID> roleIds, boolean owner) {
    }

    record OwnershipTransferred(UUID previousOwnerId, UUID ownerId) {
    }
}
