package dev.lexguard.permissions.matteraccess;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.accountpermissions.AccountPermissionsService;
import dev.lexguard.permissions.matterrecords.Matter;
import dev.lexguard.permissions.matterrecords.MatterRepository;
import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Matter access lists with their history. A change closes the rows that leave the list and opens rows for those
 * that join (valid_from/valid_to at the transaction's time), bumps the matter's access version and publishes
 * {@code matteraccess.changed} with the whole resulting list.
 */
@ApplicationScoped
public class MatterAccessService {

    static final String OPEN_MODE = """
            insert into matter_access (firm_id, matter_id, mode, valid_from) values (:firm, :matter, :mode, now())""";
    static final String CLOSE_MODE = "update matter_access set valid_to = now() where matter_id = :matter and valid_to is null";
    static final String CURRENT_MODE = "select mode from matter_access where matter_id = :matter and valid_to is null";
    static final String CURRENT_ENTRIES = """
            select kind, cast(principal_id as text) from matter_access_entry where matter_id = :matter and valid_to is null""";
    static final String CLOSE_ENTRIES = """
            update matter_access_entry set valid_to = now()
            where matter_id = :matter and kind = :kind and valid_to is null
              and principal_id = any(cast(string_to_array(:ids, ',') as uuid[]))""";
    static final String OPEN_ENTRIES = """
            insert into matter_access_entry (firm_id, matter_id, kind, principal_id, valid_from)
            select :firm, :matter, :kind, p, now() from unnest(cast(string_to_array(:ids, ',') as uuid[])) p""";
    static final String UNKNOWN_USERS = """
            select cast(p as text) from unnest(cast(string_to_array(:ids, ',') as uuid[])) p
            where not exists (select 1 from app_user u where u.id = p and u.firm_id = :firm)""";
    static final String UNKNOWN_GROUPS = """
            select cast(p as text) from unnest(cast(string_to_array(:ids, ',') as uuid[])) p
            where not exists (select 1 from access_group g where g.id = p and g.firm_id = :firm and g.deleted_at is null)""";
    static final String MODE_AT = """
            select mode from matter_access where matter_id = :matter
              and valid_from <= cast(:at as timestamptz) and (valid_to is null or valid_to > cast(:at as timestamptz))""";
    static final String LIST = """
            select e.kind, cast(e.principal_id as text), coalesce(g.name, u.display_name)
            from matter_access_entry e
            left join access_group g on e.kind = 'group' and g.id = e.principal_id
            left join app_user u on e.kind <> 'group' and u.id = e.principal_id
            where e.matter_id = :matter and WHEN
            order by e.kind, coalesce(g.name, u.display_name), e.principal_id""";
    static final String BLOCKED_NOW = """
            select count(*) from matter_access_entry
            where matter_id = :matter and kind = 'block' and principal_id = :user and valid_to is null""";
    /** Active administrators (the owner among them) who would not be blocked by the list being written. */
    static final String ADMINISTRATORS_NOT_BLOCKED = """
            select count(*) from app_user u
            join effective_permission p on p.user_id = u.id and p.permission = 'administrator' and p.valid_to is null
            where u.firm_id = :firm and u.status <> 'deactivated'
              and not (u.id = any(cast(string_to_array(:blocked, ',') as uuid[])))""";
    static final String MATTERS_WITH_GROUP = """
            select cast(e.matter_id as text) from matter_access_entry e
            where e.principal_id = :group and e.kind = 'group' and e.firm_id = :firm and e.valid_to is null
            order by e.matter_id""";

    private final MatterRepository matters;
    private final AccountPermissionsService permissions;
    private final Database db;
    private final OutboxWriter outbox;

    public MatterAccessService(MatterRepository matters, AccountPermissionsService permissions, Database db, OutboxWriter outbox) {
        this.matters = matters;
        this.permissions = permissions;
        this.db = db;
        this.outbox = outbox;
    }

    /** Opens the history of a newly registered matter: access {@code everyone}. Runs in the registering transaction. */
    public Uni<Void> open(Matter matter) {
        return db.update(OPEN_MODE, Map.of("firm", matter.firmId(), "matter", matter.id(), "mode", AccessMode.EVERYONE.wireName()))
                .replaceWithVoid();
    }

    /**
     * Replaces the matter's access list; administrators only, and not one the list blocks (404, as for anyone who may
     * not see the matter: another administrator must lift a block). Unknown users or groups change nothing (400
     * naming them); a list that would block every administrator of the firm, so that none could change it again, is
     * refused (409 {@code no-administrator-left}).
     */
    @WithTransaction
    public Uni<AccessListResponse> replace(UUID firmId, UUID actorId, UUID matterId, AccessListRequest request) {
        validateShape(request);
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> matters.lockInFirm(firmId, matterId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .call(matter -> requireNotBlocked(matterId, actorId))
                .call(matter -> requireKnown(firmId, request))
                .call(matter -> requireAnAdministratorLeft(firmId, request.blocked()))
                .call(matter -> apply(matter, actorId, request.mode(), Map.of(
                        "group", request.groups(), "user", request.users(), "block", request.blocked())))
                .chain(matter -> list(matterId, null).map(list -> withVersion(list, matter.accessVersion())));
    }

    /**
     * Puts {@code to} in place of {@code from} on every matter whose current list has {@code from} (a group being
     * deleted); each changed matter publishes its new list. Returns the ids of those matters.
     */
    public Uni<List<UUID>> reassignGroup(UUID firmId, UUID actorId, UUID from, UUID to) {
        return db.rows(MATTERS_WITH_GROUP, Map.of("group", from, "firm", firmId)).chain(rows -> {
            List<UUID> ids = rows.stream().map(row -> UUID.fromString((String) row[0])).toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (UUID matterId : ids) {
                chain = chain.chain(() -> matters.lockInFirm(firmId, matterId)).chain(matter -> currentEntries(matterId)
                        .chain(entries -> {
                            Set<UUID> groups = new TreeSet<>(entries.get("group"));
                            groups.remove(from);
                            groups.add(to);
                            return currentMode(matterId).chain(mode -> apply(matter, actorId, mode, Map.of(
                                    "group", groups, "user", entries.get("user"), "block", entries.get("block"))));
                        })).replaceWithVoid();
            }
            return chain.replaceWith(ids);
        });
    }

    /** The list now ({@code at} null) or at {@code at}; administrators the list does not block now only (else 404). */
    @WithSession
    public Uni<AccessListResponse> read(UUID firmId, UUID actorId, UUID matterId, Instant at) {
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> matters.findInFirm(firmId, matterId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .call(matter -> requireNotBlocked(matterId, actorId))
                .chain(matter -> list(matterId, at).map(list -> at == null ? withVersion(list, matter.accessVersion()) : list));
    }

    /** A block beats every allow, administrator included: a blocked caller meets the matter as if it did not exist. */
    private Uni<Void> requireNotBlocked(UUID matterId, UUID actorId) {
        return db.rows(BLOCKED_NOW, Map.of("matter", matterId, "user", actorId)).invoke(rows -> {
            if (((Number) rows.get(0)[0]).longValue() > 0) {
                throw new NotFoundProblem();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> requireAnAdministratorLeft(UUID firmId, Set<UUID> blocked) {
        return db.rows(ADMINISTRATORS_NOT_BLOCKED, Map.of("firm", firmId, "blocked", csv(blocked))).invoke(rows -> {
            if (((Number) rows.get(0)[0]).longValue() == 0) {
                throw new ConflictProblem("no-administrator-left", "The list would block every administrator of the firm, so"
                        + " none could change it again; leave at least one administrator unblocked");
            }
        }).replaceWithVoid();
    }

    private Uni<Matter> apply(Matter matter, UUID actorId, AccessMode mode, Map<String, Set<UUID>> wanted) {
        UUID matterId = matter.id();
        return currentMode(matterId).chain(currentMode -> currentEntries(matterId).chain(current -> {
            boolean modeChanged = currentMode != mode;
            Uni<Void> changes = modeChanged
                    ? db.update(CLOSE_MODE, Map.of("matter", matterId))
                            .chain(() -> db.update(OPEN_MODE, Map.of("firm", matter.firmId(), "matter", matterId, "mode", mode.wireName())))
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            boolean changed = modeChanged;
            for (String kind : List.of("group", "user", "block")) {
                Set<UUID> removed = new TreeSet<>(current.get(kind));
                removed.removeAll(wanted.get(kind));
                Set<UUID> added = new TreeSet<>(wanted.get(kind));
                added.removeAll(current.get(kind));
                if (!removed.isEmpty()) {
                    changes = changes.chain(() -> db.update(CLOSE_ENTRIES, Map.of("matter", matterId, "kind", kind, "ids", csv(removed))))
                            .replaceWithVoid();
                }
                if (!added.isEmpty()) {
                    changes = changes.chain(() -> db.update(OPEN_ENTRIES, Map.of("firm", matter.firmId(), "matter", matterId,
                            "kind", kind, "ids", csv(added)))).replaceWithVoid();
                }
                changed |= !removed.isEmpty() || !added.isEmpty();
            }
            if (!changed) {
                return Uni.createFrom().item(matter);
            }
            int version = matter.nextAccessVersion(now());
            // the version is a counter every change moves: previous holds the mode and the lists, not it
            AccessChanged before = new AccessChanged(matterId, currentMode.wireName(), sorted(current.get("group")),
                    sorted(current.get("user")), sorted(current.get("block")), version);
            AccessChanged after = new AccessChanged(matterId, mode.wireName(), sorted(wanted.get("group")),
                    sorted(wanted.get("user")), sorted(wanted.get("block")), version);
            return changes.chain(() -> outbox.append(PermissionsEvents.aboutMatter(PermissionsEvents.MATTER_ACCESS_CHANGED,
                            matterId, matter.firmId(), actorId, new Change(before, after))))
                    .replaceWith(matter);
        }));
    }

    private Uni<AccessMode> currentMode(UUID matterId) {
        return db.rows(CURRENT_MODE, Map.of("matter", matterId)).map(rows -> AccessMode.of((String) rows.get(0)[0]));
    }

    private Uni<Map<String, Set<UUID>>> currentEntries(UUID matterId) {
        return db.rows(CURRENT_ENTRIES, Map.of("matter", matterId)).map(rows -> {
            Map<String, Set<UUID>> entries = new HashMap<>();
            for (String kind : List.of("group", "user", "block")) {
                entries.put(kind, new TreeSet<>());
            }
            rows.forEach(row -> entries.get((String) row[0]).add(UUID.fromString((String) row[1])));
            return entries;
        });
    }

    private Uni<AccessListResponse> list(UUID matterId, Instant at) {
        Uni<List<Object[]>> mode = at == null ? db.rows(CURRENT_MODE, Map.of("matter", matterId))
                : db.rows(MODE_AT, Map.of("matter", matterId, "at", at.atOffset(ZoneOffset.UTC)));
        return mode.chain(modes -> {
            if (modes.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundProblem("The matter was not registered yet at that time"));
            }
            String when = at == null ? "e.valid_to is null"
                    : "e.valid_from <= cast(:at as timestamptz) and (e.valid_to is null or e.valid_to > cast(:at as timestamptz))";
            Map<String, Object> params = at == null ? Map.of("matter", matterId) : Map.of("matter", matterId, "at", at.atOffset(ZoneOffset.UTC));
            return db.rows(LIST.replace("WHEN", when), params).map(rows -> {
                Map<String, List<AccessListResponse.Principal>> byKind = new HashMap<>();
                for (String kind : List.of("group", "user", "block")) {
                    byKind.put(kind, new ArrayList<>());
                }
                rows.forEach(row -> byKind.get((String) row[0]).add(
                        new AccessListResponse.Principal(UUID.fromString((String) row[1]), (String) row[2])));
                return new AccessListResponse(matterId, AccessMode.of((String) modes.get(0)[0]), byKind.get("group"),
                        byKind.get("user"), byKind.get("block"), null, at);
            });
        });
    }

    private static AccessListResponse withVersion(AccessListResponse list, int version) {
        return new AccessListResponse(list.matterId(), list.mode(), list.groups(), list.users(), list.blockedUsers(), version, null);
    }

    private static void validateShape(AccessListRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.mode() == AccessMode.EVERYONE && !request.groups().isEmpty()) {
            errors.add(new FieldError("groupIds", "must be empty when mode is everyone"));
        }
        if (request.mode() == AccessMode.EVERYONE && !request.users().isEmpty()) {
            errors.add(new FieldError("userIds", "must be empty when mode is everyone"));
        }
        for (UUID both : request.users()) {
            if (request.blocked().contains(both)) {
                errors.add(new FieldError("blockedUserIds", both + " is also in userIds"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-access-list", "The access list contradicts itself", errors);
        }
    }

    private Uni<Void> requireKnown(UUID firmId, AccessListRequest request) {
        Set<UUID> users = new TreeSet<>(request.users());
        users.addAll(request.blocked());
        return db.rows(UNKNOWN_USERS, Map.of("firm", firmId, "ids", csv(users)))
                .chain(unknownUsers -> db.rows(UNKNOWN_GROUPS, Map.of("firm", firmId, "ids", csv(request.groups())))
                        .invoke(unknownGroups -> {
                            List<FieldError> errors = new ArrayList<>();
                            unknownGroups.forEach(row -> errors.add(new FieldError("groupIds", row[0] + " is not a group of this firm")));
                            unknownUsers.forEach(row -> errors.add(new FieldError(
                                    request.users().contains(UUID.fromString((String) row[0])) ? "userIds" : "blockedUserIds",
                                    row[0] + " is not a user of this firm")));
                            if (!errors.isEmpty()) {
                                throw new BadRequestProblem("unknown-principals",
                                        "The access list names users or groups this firm does not have", errors);
                            }
                        }))
                .replaceWithVoid();
    }

    private static String csv(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static List<UUID> sorted(Set<UUID> ids) {
        return new ArrayList<>(new TreeSet<>(ids));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    record AccessChanged(UUID matterId, String mode, List<UUID> groupIds, List<UUID> userIds, List<UUID> blockedUserIds,
            int version) {
    }
}
