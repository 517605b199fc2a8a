package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.NativeSql;
import dev.lexguard.identity.permissions.PermissionsProjection;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The provisioning queue ({@code keycloak_job}) and the links to Keycloak's ids. Every method joins the caller's
 * reactive session or transaction.
 */
@ApplicationScoped
public class ProvisioningStore {

    private final UserRepository users;
    private final PermissionsProjection permissions;

    public ProvisioningStore(UserRepository users, PermissionsProjection permissions) {
        this.users = users;
        this.permissions = permissions;
    }

    /** A claimed job: reserved for this worker until its lease ends. */
    public record Job(long id, UUID firmId, UUID userId, int generation, int attempts) {
    }

    /** The queue of one firm, for its administrators. */
    public record QueueState(long pending, long failing, Instant oldestPendingSince) {
    }

    /**
     * Claims a firm's scheduled reconciliation for one period: true for the one process whose update moved the claim
     * forward, false for every other replica that asks within {@code period} (less a tenth, so that replicas' timers
     * drifting apart never skip a period).
     */
    public Uni<Boolean> claimReconciliation(UUID firmId, Duration period) {
        return NativeSql.update("update keycloak_connection set reconcile_claimed_at = now() where firm_id = :firm"
                        + " and (reconcile_claimed_at is null or reconcile_claimed_at <= now() - make_interval(secs => :secs))",
                Map.of("firm", firmId, "secs", period.toMillis() * 0.9 / 1000.0)).map(updated -> updated == 1);
    }

    /** Claims due jobs (FOR UPDATE SKIP LOCKED, so replicas never take the same job) and leases them. */
    public Uni<List<Job>> claim(int batchSize, Duration lease) {
        return NativeSql.rows("select id, cast(firm_id as text), cast(user_id as text), generation, attempts"
                        + " from keycloak_job where done_at is null and next_attempt_at <= now()"
                        + " order by next_attempt_at, id limit :n for update skip locked", Map.of("n", batchSize))
                .chain(rows -> {
                    List<Job> jobs = new ArrayList<>();
                    for (Object row : rows) {
                        Object[] c = (Object[]) row;
                        jobs.add(new Job(((Number) c[0]).longValue(), UUID.fromString(c[1].toString()),
                                UUID.fromString(c[2].toString()), ((Number) c[3]).intValue(), ((Number) c[4]).intValue()));
                    }
                    if (jobs.isEmpty()) {
                        return Uni.createFrom().item(jobs);
                    }
                    return NativeSql.update("update keycloak_job set next_attempt_at = :until where id in (:ids)",
                                    Map.of("until", Instant.now().plus(lease), "ids", jobs.stream().map(Job::id).toList()))
                            .replaceWith(jobs);
                });
    }

    /** Done, unless a newer cause arrived while the job ran: then it is due again at once. */
    public Uni<Void> done(Job job) {
        return NativeSql.update("update keycloak_job set done_at = now(), last_error = null"
                        + " where id = :id and generation = :generation",
                        Map.of("id", job.id(), "generation", job.generation()))
                .chain(updated -> updated == 1 ? Uni.createFrom().voidItem()
                        : NativeSql.update("update keycloak_job set next_attempt_at = now() where id = :id",
                                Map.of("id", job.id())).replaceWithVoid());
    }

    public Uni<Void> failed(Job job, int attempts, Instant nextAttemptAt, String error) {
        return NativeSql.update("update keycloak_job set attempts = :attempts, next_attempt_at = :next, last_error = :error"
                        + " where id = :id",
                        Map.of("id", job.id(), "attempts", attempts, "next", nextAttemptAt, "error", error))
                .replaceWithVoid();
    }

    /** Queues a sync of every user of the firm (after connecting). */
    public Uni<Void> enqueueAll(UUID firmId, String cause) {
        return NativeSql.rows("select count(*) from (select keycloak_enqueue(:firm, id, :cause) from app_user"
                + " where firm_id = :firm) queued", Map.of("firm", firmId, "cause", cause)).replaceWithVoid();
    }

    public Uni<Integer> dropJobs(UUID firmId) {
        return NativeSql.update("delete from keycloak_job where firm_id = :firm and done_at is null", Map.of("firm", firmId));
    }

    public Uni<Void> forgetLinks(UUID firmId) {
        return NativeSql.update("delete from keycloak_user_link where firm_id = :firm", Map.of("firm", firmId))
                .chain(() -> NativeSql.update("delete from keycloak_group_link where firm_id = :firm", Map.of("firm", firmId)))
                .replaceWithVoid();
    }

    /** Deletes done jobs and finished or expired SSO requests older than {@code before}. */
    public Uni<Integer> purgeDone(Instant before) {
        return NativeSql.update("delete from keycloak_job where done_at < :before", Map.of("before", before))
                .chain(jobs -> NativeSql.update("delete from sso_request where expires_at < :before",
                        Map.of("before", before)).map(requests -> jobs + requests));
    }

    public Uni<QueueState> queueState(UUID firmId) {
        return NativeSql.rows("select count(*), count(*) filter (where attempts > 0), min(created_at) from keycloak_job"
                + " where firm_id = :firm and done_at is null", Map.of("firm", firmId)).map(rows -> {
                    Object[] c = (Object[]) rows.get(0);
                    return new QueueState(((Number) c[0]).longValue(), ((Number) c[1]).longValue(), instant(c[2]));
                });
    }

    /** The LexGuard groups the firm's users belong to, as the permissions projection knows them. */
    public Uni<Set<UUID>> firmGroupIds(UUID firmId) {
        return NativeSql.rows("select distinct cast(group_id as text) from group_member where firm_id = :firm",
                Map.of("firm", firmId)).map(rows -> {
                    Set<UUID> ids = new HashSet<>();
                    rows.forEach(row -> ids.add(UUID.fromString(row.toString())));
                    return ids;
                });
    }

    public Uni<Map<UUID, String>> groupLinks(UUID firmId) {
        return NativeSql.rows("select cast(group_id as text), keycloak_group_id from keycloak_group_link where firm_id = :firm",
                Map.of("firm", firmId)).map(rows -> {
                    Map<UUID, String> links = new HashMap<>();
                    for (Object row : rows) {
                        Object[] c = (Object[]) row;
                        links.put(UUID.fromString(c[0].toString()), c[1].toString());
                    }
                    return links;
                });
    }

    public Uni<Void> linkGroups(UUID firmId, Map<UUID, String> links) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<UUID, String> link : links.entrySet()) {
            chain = chain.chain(() -> NativeSql.update("insert into keycloak_group_link (firm_id, group_id, keycloak_group_id,"
                    + " linked_at) values (:firm, :group, :keycloak, now()) on conflict (firm_id, group_id) do update"
                    + " set keycloak_group_id = excluded.keycloak_group_id, linked_at = excluded.linked_at",
                    Map.of("firm", firmId, "group", link.getKey(), "keycloak", link.getValue())).replaceWithVoid());
        }
        return chain;
    }

    public Uni<Void> linkUser(UUID firmId, UUID userId, String keycloakUserId) {
        return NativeSql.update("delete from keycloak_user_link where firm_id = :firm and keycloak_user_id = :keycloak"
                        + " and user_id <> :user", Map.of("firm", firmId, "keycloak", keycloakUserId, "user", userId))
                .chain(() -> NativeSql.update("insert into keycloak_user_link (user_id, firm_id, keycloak_user_id, linked_at)"
                        + " values (:user, :firm, :keycloak, now()) on conflict (user_id) do update"
                        + " set keycloak_user_id = excluded.keycloak_user_id, linked_at = excluded.linked_at"
                        + " where keycloak_user_link.keycloak_user_id <> excluded.keycloak_user_id",
                        Map.of("firm", firmId, "keycloak", keycloakUserId, "user", userId)))
                .replaceWithVoid();
    }

    /** The LexGuard user linked to this Keycloak account in the firm, if any. */
    public Uni<UUID> userByKeycloakId(UUID firmId, String keycloakUserId) {
        return NativeSql.rows("select cast(user_id as text) from keycloak_user_link where firm_id = :firm"
                        + " and keycloak_user_id = :keycloak", Map.of("firm", firmId, "keycloak", keycloakUserId))
                .map(rows -> rows.isEmpty() ? null : UUID.fromString(rows.get(0).toString()));
    }

    /** True if LexGuard provisioned the user into the firm's Keycloak (or linked them at a sign-on): a link exists. */
    public Uni<Boolean> isLinked(UUID firmId, UUID userId) {
        return NativeSql.rows("select 1 from keycloak_user_link where firm_id = :firm and user_id = :user",
                Map.of("firm", firmId, "user", userId)).map(rows -> !rows.isEmpty());
    }

    /** The user as Keycloak should see them, or null when the user is not (or no longer) in the firm. */
    public Uni<UserSnapshot> snapshot(UUID firmId, UUID userId) {
        return users.findInFirm(firmId, userId).chain(user -> user == null ? Uni.createFrom().nullItem()
                : NativeSql.rows("select keycloak_user_id from keycloak_user_link where user_id = :user",
                                Map.of("user", userId))
                        .chain(link -> permissions.groupsOf(firmId, userId).map(groups -> snapshotOf(user,
                                link.isEmpty() ? null : link.get(0).toString(), groups))));
    }

    /** Every user of the firm, for reconciliation. */
    public Uni<List<UserSnapshot>> snapshots(UUID firmId) {
        return users.list("firmId = ?1 order by email", firmId).chain(all -> NativeSql.rows(
                "select cast(user_id as text), keycloak_user_id from keycloak_user_link where firm_id = :firm",
                Map.of("firm", firmId)).chain(linkRows -> NativeSql.rows(
                "select cast(user_id as text), cast(group_id as text) from group_member where firm_id = :firm",
                Map.of("firm", firmId)).map(groupRows -> {
                    Map<UUID, String> links = new HashMap<>();
                    for (Object row : linkRows) {
                        Object[] c = (Object[]) row;
                        links.put(UUID.fromString(c[0].toString()), c[1].toString());
                    }
                    Map<UUID, Set<UUID>> groups = new HashMap<>();
                    for (Object row : groupRows) {
                        Object[] c = (Object[]) row;
                        groups.computeIfAbsent(UUID.fromString(c[0].toString()), id -> new HashSet<>())
                                .add(UUID.fromString(c[1].toString()));
                    }
                    List<UserSnapshot> snapshots = new ArrayList<>();
                    for (User user : all) {
                        snapshots.add(snapshotOf(user, links.get(user.id()), groups.getOrDefault(user.id(), Set.of())));
                    }
                    return snapshots;
                })));
    }

    private static UserSnapshot snapshotOf(User user, String keycloakUserId, Set<UUID> groups) {
        return new UserSnapshot(user.id(), user.firmId(), user.email(), user.displayName(), user.status(), keycloakUserId,
                Set.copyOf(groups));
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(value.toString());
    }
}
