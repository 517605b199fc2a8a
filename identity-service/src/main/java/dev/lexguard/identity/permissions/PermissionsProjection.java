package dev.lexguard.identity.permissions;

import dev.lexguard.identity.NativeSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.Map;

/**
 * This service's projection of permissions-service: each user's account permissions (the token's {@code groups})
 * and group membership (for the two-factor policy). Until the first permissions event of a firm arrives, the firm's
 * owner is {@code administrator} and nobody else has a permission, as before permissions-service existed. Every
 * method joins the caller's reactive session or transaction.
 */
@ApplicationScoped
public class PermissionsProjection {

    /** The account permissions for a token of this user. */
    public Uni<Set<String>> permissionsOf(PermissionHolder user) {
        return NativeSql.rows("select p.permissions from permissions_feed f left join account_permission p"
                + " on p.user_id = :user and p.firm_id = f.firm_id where f.firm_id = :firm",
                Map.of("user", user.id(), "firm", user.firmId()))
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return user.permissions();
                    }
                    Object stored = rows.get(0);
                    return stored == null ? Set.<String>of() : parse(stored.toString());
                });
    }

    /** The account permissions of each of these users of one firm, by user id. */
    public Uni<Map<UUID, Set<String>>> permissionsOf(UUID firmId, List<? extends PermissionHolder> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.rows("select count(*) from permissions_feed where firm_id = :firm", Map.of("firm", firmId))
                .chain(feed -> {
                    if (((Number) feed.get(0)).longValue() == 0) {
                        return Uni.createFrom().item(users.stream().collect(Collectors.toMap(PermissionHolder::id, PermissionHolder::permissions)));
                    }
                    return NativeSql.rows("select cast(user_id as text), permissions from account_permission"
                                    + " where firm_id = :firm and user_id in (:users)",
                            Map.of("firm", firmId, "users", users.stream().map(PermissionHolder::id).toList()))
                            .map(rows -> {
                                Map<UUID, Set<String>> byUser = new HashMap<>();
                                users.forEach(user -> byUser.put(user.id(), Set.of()));
                                for (Object row : rows) {
                                    Object[] columns = (Object[]) row;
                                    byUser.put(UUID.fromString(columns[0].toString()), parse(columns[1].toString()));
                                }
                                return byUser;
                            });
                });
    }

    /** The groups the user is a member of. */
    public Uni<Set<UUID>> groupsOf(UUID firmId, UUID userId) {
        return NativeSql.rows("select cast(group_id as text) from group_member where firm_id = :firm and user_id = :user",
                Map.of("firm", firmId, "user", userId))
                .map(rows -> rows.stream().map(row -> UUID.fromString(row.toString())).collect(Collectors.toSet()));
    }

    /** Of these users, those in at least one of these groups. */
    public Uni<Set<UUID>> membersAmong(UUID firmId, Collection<UUID> userIds, Collection<UUID> groupIds) {
        if (userIds.isEmpty() || groupIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return NativeSql.rows("select distinct cast(user_id as text) from group_member where firm_id = :firm"
                + " and user_id in (:users) and group_id in (:groups)",
                Map.of("firm", firmId, "users", List.copyOf(userIds), "groups", List.copyOf(groupIds)))
                .map(rows -> rows.stream().map(row -> UUID.fromString(row.toString())).collect(Collectors.toSet()));
    }

    /** {@code accountpermissions.changed}: from now on the firm's tokens follow the projection. */
    public Uni<Void> permissionsChanged(UUID firmId, UUID userId, Collection<String> permissions, Instant at) {
        String joined = String.join(" ", new TreeSet<>(permissions));
        return feedStarted(firmId, at)
                .chain(() -> exec("insert into account_permission (user_id, firm_id, permissions, updated_at)"
                        + " values (:user, :firm, :permissions, :at) on conflict (user_id) do update"
                        + " set permissions = excluded.permissions, updated_at = excluded.updated_at"
                        + " where account_permission.firm_id = excluded.firm_id",
                        Map.of("user", userId, "firm", firmId, "permissions", joined, "at", at)));
    }

    /** {@code ownership.transferred}: identity's owner flag follows (it protects the owner's two-factor). */
    public Uni<Void> ownershipTransferred(UUID firmId, UUID previousOwnerId, UUID ownerId, Instant at) {
        return feedStarted(firmId, at)
                .chain(() -> exec("update app_user set owner = (id = :owner) where firm_id = :firm and id in (:ids)",
                        Map.of("owner", ownerId, "firm", firmId, "ids", List.of(previousOwnerId, ownerId))));
    }

    public Uni<Void> memberAdded(UUID firmId, UUID groupId, UUID userId, Instant at) {
        return exec("insert into group_member (group_id, user_id, firm_id, added_at) values (:group, :user, :firm, :at)"
                + " on conflict do nothing",
                Map.of("group", groupId, "user", userId, "firm", firmId, "at", at));
    }

    public Uni<Void> memberRemoved(UUID firmId, UUID groupId, UUID userId) {
        return exec("delete from group_member where firm_id = :firm and group_id = :group and user_id = :user",
                Map.of("group", groupId, "user", userId, "firm", firmId));
    }

    public Uni<Void> groupDeleted(UUID firmId, UUID groupId) {
        return exec("delete from group_member where firm_id = :firm and group_id = :group",
                Map.of("group", groupId, "firm", firmId));
    }

    private Uni<Void> feedStarted(UUID firmId, Instant at) {
        return exec("insert into permissions_feed (firm_id, started_at) values (:firm, :at) on conflict do nothing",
                Map.of("firm", firmId, "at", at));
    }

    static Set<String> parse(String stored) {
        return stored.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(stored.trim().split(" ")));
    }


    private static Uni<Void> exec(String sql, Map<String, Object> params) {
        return NativeSql.update(sql, params).replaceWithVoid();
    }
}
