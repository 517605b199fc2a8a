package dev.lexguard.permissions.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.accountpermissions.AccountPermissionsService;
import dev.lexguard.permissions.groupfilters.GroupFilter;
import dev.lexguard.permissions.identityprojection.UserRepository;
import dev.lexguard.permissions.matterrecords.MatterRepository;
import dev.lexguard.permissions.rules.AccessDecision;
import dev.lexguard.permissions.rules.AccessFacts;
import dev.lexguard.permissions.rules.GroupRef;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers "may U see M, and why" from the access lists, group memberships and administrator permissions,
 * now or at any past time (every one of them is kept with its history). One SQL statement per question.
 */
@ApplicationScoped
public class AccessService {

    public static final int MAX_BATCH = 1000;

    private static final String GROUPS_OF_USER_ON_LIST = """
            (select cast(json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name collate "C", g.id) as text)
             from matter_access_entry e
             join group_member gm on gm.group_id = e.principal_id and gm.user_id = u.id and {valid:gm}
             join access_group g on g.id = e.principal_id
             where e.matter_id = m.id and e.kind = 'group' and {valid:e})""";
    static final String FACTS = """
            select c.n, u.id is not null, m.id is not null, coalesce({active:u}, false),
              (select a.mode from matter_access a where a.matter_id = m.id and {valid:a}),
              exists (select 1 from matter_access_entry e where e.matter_id = m.id and e.kind = 'block'
                      and e.principal_id = u.id and {valid:e}),
              exists (select 1 from effective_permission e where e.user_id = u.id and e.permission = 'administrator'
                      and {valid:e}),
              exists (select 1 from matter_access_entry e where e.matter_id = m.id and e.kind = 'user'
                      and e.principal_id = u.id and {valid:e}),
              GROUPS,
              exists (select 1 from effective_permission ca join app_user cu on cu.id = ca.user_id
                      where ca.user_id = :caller and cu.firm_id = :firm and cu.status <> 'deactivated'
                      and ca.permission = 'administrator' and ca.valid_to is null)
            from unnest(cast(string_to_array(:users, ',') as uuid[]), cast(string_to_array(:matters, ',') as uuid[]))
                 with ordinality as c(user_id, matter_id, n)
            left join app_user u on u.id = c.user_id and u.firm_id = :firm
            left join matter m on m.id = c.matter_id and m.firm_id = :firm
            order by c.n""".replace("GROUPS", GROUPS_OF_USER_ON_LIST);
    static final String VISIBLE_MATTERS = """
            select cast(m.id as text), m.display_number, m.description, m.status, a.mode
            from matter m join matter_access a on a.matter_id = m.id and a.valid_to is null
            where m.firm_id = :firm KEYSET FILTER
              and not exists (select 1 from matter_access_entry e where e.matter_id = m.id and e.kind = 'block'
                              and e.principal_id in (:user, :caller) and e.valid_to is null)
              and (ADMIN or a.mode = 'everyone'
                   or exists (select 1 from matter_access_entry e where e.matter_id = m.id and e.kind = 'user'
                              and e.principal_id = :user and e.valid_to is null)
                   or exists (select 1 from matter_access_entry e
                              join group_member gm on gm.group_id = e.principal_id and gm.user_id = :user and gm.valid_to is null
                              where e.matter_id = m.id and e.kind = 'group' and e.valid_to is null))
            order by m.display_number, m.id limit :rows""";
    static final String PAGE_OF_MATTERS = """
            select cast(m.id as text), m.display_number, m.description, m.status, m.mode
            from unnest(cast(string_to_array(:matters, ',') as uuid[])) v(id)
            cross join lateral (
              select m.id, m.display_number, m.description, m.status, a.mode
              from matter m join matter_access a on a.matter_id = m.id and a.valid_to is null
              where m.id = v.id and m.firm_id = :firm KEYSET
              offset 0) m
            order by m.display_number, m.id limit :rows""";
    private static final String KEYSET = "and (m.display_number > :number or (m.display_number = :number and m.id > :after))";
    static final String MODE = "select a.mode from matter_access a where a.matter_id = :matter and {valid:a}";
    static final String VIEWERS = """
            select id, name, admin, granted, groups from (
              select cast(u.id as text) as id, u.display_name as name, u.id as uid,
                exists (select 1 from effective_permission e where e.user_id = u.id and e.permission = 'administrator'
                        and {valid:e}) as admin,
                exists (select 1 from matter_access_entry e where e.matter_id = m.id and e.kind = 'user'
                        and e.principal_id = u.id and {valid:e}) as granted,
                GROUPS as groups
              from app_user u join matter m on m.id = :matter
              where u.firm_id = :firm and {active:u} KEYSET
                and not exists (select 1 from matter_access_entry e where e.matter_id = m.id and e.kind = 'block'
                                and e.principal_id = u.id and {valid:e})
            ) x where x.admin or EVERYONE or x.granted or x.groups is not null
            order by name, uid limit :rows""".replace("GROUPS", GROUPS_OF_USER_ON_LIST);

    private static final TypeReference<List<GroupRef>> GROUP_LIST = new TypeReference<>() {
    };
    private final ObjectMapper json = new ObjectMapper();
    private final Database db;
    private final UserRepository users;
    private final MatterRepository matters;
    private final AccountPermissionsService permissions;
    private final AccessSnapshotCache snapshots;

    public AccessService(Database db, UserRepository users, MatterRepository matters, AccountPermissionsService permissions,
            AccessSnapshotCache snapshots) {
        this.db = db;
        this.snapshots = snapshots;
        this.users = users;
        this.matters = matters;
        this.permissions = permissions;
    }

    /**
     * Checks about oneself need nothing more; checks about anyone else need administrator (by this service's records).
     */
    @WithSession
    public Uni<Void> authorize(UUID firmId, UUID callerId, Collection<UUID> subjects) {
        if (subjects.stream().allMatch(callerId::equals)) {
            return Uni.createFrom().voidItem();
        }
        return permissions.requireAdministrator(firmId, callerId);
    }

    @WithSession
    public Uni<Void> requireAdministrator(UUID firmId, UUID callerId) {
        return permissions.requireAdministrator(firmId, callerId);
    }

    /** A pair to check. */
    public record Pair(UUID userId, UUID matterId) {
    }

    /** May {@code userId} see {@code matterId} now ({@code at} null) or at {@code at}; unknown ids answer 404. */
    @WithSession
    public Uni<AccessDecision> check(UUID firmId, UUID callerId, UUID userId, UUID matterId, Instant at) {
        return facts(firmId, callerId, List.of(new Pair(userId, matterId)), at).map(all -> {
            AccessFacts facts = all.get(0);
            if (!facts.userKnown() || !facts.matterKnown()) {
                throw new NotFoundProblem();
            }
            return facts.decide();
        });
    }

    /** Up to {@value #MAX_BATCH} checks in one statement, answered in the order asked. */
    @WithSession
    public Uni<List<AccessDecision>> checkAll(UUID firmId, UUID callerId, List<Pair> pairs, Instant at) {
        return facts(firmId, callerId, pairs, at).map(all -> all.stream().map(AccessFacts::decide).toList());
    }

    /** Whether the user may see the matter now (used by the matter endpoints: a matter one may not see is a 404). */
    public Uni<Boolean> maySee(UUID firmId, UUID userId, UUID matterId) {
        return facts(firmId, userId, List.of(new Pair(userId, matterId)), null).map(all -> all.get(0).decide().allowed());
    }

    /**
     * The matters the user may see now, by display number; an inactive user sees none. Matters the caller is blocked
     * from are left out: an administrator asking about someone else learns nothing of a matter walled against them.
     * A group filter (its {@code mine} meaning the caller's groups) only narrows the list further.
     *
     * <p>Under a filter, the firm's current {@link AccessSnapshot} (the one current checks are answered from) picks the
     * visible matters among those the filter's groups name, and one statement reads just those by primary key, a
     * page at a time: the SQL form applies the access rule to every matter a group names, which kept a restricted
     * user's first page above issue 19's 20 ms (docs/benchmarks.md). Without a snapshot (notifications down) the filter
     * is one more condition of that statement.
     */
    @WithSession
    public Uni<List<VisibleMatterResponse>> visibleMatters(UUID firmId, UUID callerId, UUID userId, GroupFilter filter,
            Optional<Map<String, String>> after, int rows) {
        Uni<AccessSnapshot> snapshot = filter.active() ? snapshots.current(firmId) : Uni.createFrom().nullItem();
        return snapshot.chain(current -> current == null
                ? visibleFromDatabase(firmId, callerId, userId, filter, after, rows)
                : visibleFromSnapshot(current, callerId, userId, filter, after, rows));
    }

    private Uni<List<VisibleMatterResponse>> visibleFromDatabase(UUID firmId, UUID callerId, UUID userId,
            GroupFilter filter, Optional<Map<String, String>> after, int rows) {
        return users.findInFirm(firmId, userId).onItem().ifNull().failWith(NotFoundProblem::new).chain(user -> {
            if (user.deactivated()) {
                return Uni.createFrom().item(List.<VisibleMatterResponse>of());
            }
            return permissions.isAdministrator(firmId, userId).chain(admin -> {
                Map<String, Object> params = pageParams(firmId, after, rows);
                params.put("user", userId);
                params.put("caller", callerId);
                filter.bind(params);
                return db.rows(visibleMattersSql(admin, after.isPresent(), filter), params).map(AccessService::visibleMatters);
            });
        });
    }

    private Uni<List<VisibleMatterResponse>> visibleFromSnapshot(AccessSnapshot snapshot, UUID callerId, UUID userId,
            GroupFilter filter, Optional<Map<String, String>> after, int rows) {
        Boolean active = snapshot.activeUsers().get(userId);
        if (active == null) {
            throw new NotFoundProblem();
        }
        if (!active) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> groups = new HashSet<>(filter.groupIds());
        if (filter.mine()) {
            groups.addAll(snapshot.memberships().getOrDefault(callerId, Set.of()));
        }
        String visible = snapshot.mattersNaming(groups).stream()
                .filter(matter -> snapshot.facts(userId, matter).decide().allowed() && !snapshot.blocked(callerId, matter))
                .map(UUID::toString).collect(Collectors.joining(","));
        if (visible.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Object> params = pageParams(snapshot.firmId(), after, rows);
        params.put("matters", visible);
        return db.rows(pageOfMattersSql(after.isPresent()), params).map(AccessService::visibleMatters);
    }

    private static Map<String, Object> pageParams(UUID firmId, Optional<Map<String, String>> after, int rows) {
        Map<String, Object> params = new HashMap<>(Map.of("firm", firmId, "rows", rows));
        if (after.isPresent()) {
            params.put("number", after.get().get("number"));
            params.put("after", UUID.fromString(after.get().get("id")));
        }
        return params;
    }

    private static List<VisibleMatterResponse> visibleMatters(List<Object[]> rows) {
        return rows.stream().map(row -> new VisibleMatterResponse(UUID.fromString((String) row[0]), (String) row[1],
                (String) row[2], (String) row[3], (String) row[4])).toList();
    }

    /**
     * The page statement of a filtered list answered from the snapshot (parameters :firm, :matters as comma-separated
     * ids, :rows, and :number, :after after the first page); public so the access benchmark can EXPLAIN it. Each
     * chosen matter is read by primary key: {@code offset 0} keeps the lateral subquery from being merged into a
     * join, for which PostgreSQL's cost model prefers hashing every matter of the firm (20,000 at the benchmark's
     * size) to a few hundred index reads.
     */
    public static String pageOfMattersSql(boolean afterFirstPage) {
        return PAGE_OF_MATTERS.replace("KEYSET", afterFirstPage ? KEYSET : "");
    }

    /**
     * The statement {@link #visibleMatters} runs (parameters :firm, :user, :caller, :rows, and :number, :after after the
     * first page, and the filter's); public so the access benchmark can EXPLAIN exactly what the service runs.
     */
    public static String visibleMattersSql(boolean admin, boolean afterFirstPage, GroupFilter filter) {
        return VISIBLE_MATTERS.replace("KEYSET", afterFirstPage ? KEYSET : "").replace("FILTER", filter.matterCondition("caller"))
                .replace("ADMIN", admin ? "true" : "false");
    }

    /** Who may see the matter now or at {@code at}, and why, by display name; 404 for a matter walled against the caller. */
    @WithSession
    public Uni<List<ViewerResponse>> viewers(UUID firmId, UUID callerId, UUID matterId, Instant at,
            Optional<Map<String, String>> after, int rows) {
        return maySee(firmId, callerId, matterId)
                .chain(visible -> visible ? matters.findInFirm(firmId, matterId) : Uni.createFrom().nullItem())
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(matter -> db.rows(Temporal.at(MODE, at), withAt(Map.of("matter", matterId), at)))
                .chain(modes -> {
                    if (modes.isEmpty()) {
                        return Uni.createFrom().item(List.<ViewerResponse>of());
                    }
                    boolean everyone = "everyone".equals(modes.get(0)[0]);
                    Map<String, Object> params = new HashMap<>(withAt(Map.of("firm", firmId, "matter", matterId, "rows", rows), at));
                    String keyset = "";
                    if (after.isPresent()) {
                        keyset = "and (u.display_name > :name or (u.display_name = :name and u.id > :after))";
                        params.put("name", after.get().get("name"));
                        params.put("after", UUID.fromString(after.get().get("id")));
                    }
                    String sql = Temporal.at(VIEWERS.replace("KEYSET", keyset).replace("EVERYONE", everyone ? "true" : "false"), at);
                    return db.rows(sql, params).map(list -> list.stream().map(row -> {
                        AccessFacts facts = new AccessFacts(true, true, true, everyone ? "everyone" : "restricted", false,
                                (Boolean) row[2], (Boolean) row[3], groups((String) row[4]));
                        AccessDecision decision = facts.decide();
                        return new ViewerResponse(UUID.fromString((String) row[0]), (String) row[1], decision.reason(),
                                decision.groups());
                    }).toList());
                });
    }

    /**
     * The facts of every pair and whether the caller is an administrator: for "now" from the firm's in-memory
     * snapshot (no database round trip once loaded), for a past time in one statement. Checks about oneself need
     * nothing more; checks about anyone else need administrator (403 before anything is revealed).
     */
    private Uni<List<AccessFacts>> facts(UUID firmId, UUID callerId, List<Pair> pairs, Instant at) {
        boolean aboutOthers = pairs.stream().anyMatch(p -> !p.userId().equals(callerId));
        if (!aboutOthers) {
            return unmaskedFacts(firmId, callerId, pairs, at);
        }
        return unmaskedFacts(firmId, callerId, pairs, at).chain(facts -> {
            List<Pair> own = pairs.stream().map(Pair::matterId).distinct().map(matter -> new Pair(callerId, matter)).toList();
            return unmaskedFacts(firmId, callerId, own, null).map(ownFacts -> {
                Set<UUID> walled = new HashSet<>();
                for (int i = 0; i < own.size(); i++) {
                    if (ownFacts.get(i).matterKnown() && !ownFacts.get(i).decide().allowed()) {
                        walled.add(own.get(i).matterId());
                    }
                }
                List<AccessFacts> masked = new ArrayList<>(facts.size());
                for (int i = 0; i < facts.size(); i++) {
                    AccessFacts fact = facts.get(i);
                    masked.add(walled.contains(pairs.get(i).matterId()) ? AccessFacts.unknownMatter(fact.userKnown()) : fact);
                }
                return masked;
            });
        });
    }

    /**
     * The facts without the caller's own wall applied: about others, an administrator blocked from a matter would
     * learn who sees it. {@link #facts} answers such pairs as an unknown matter, now or at any past time.
     */
    private Uni<List<AccessFacts>> unmaskedFacts(UUID firmId, UUID callerId, List<Pair> pairs, Instant at) {
        boolean aboutOthers = pairs.stream().anyMatch(p -> !p.userId().equals(callerId));
        if (at != null) {
            return factsFromDatabase(firmId, callerId, pairs, at, aboutOthers);
        }
        return snapshots.current(firmId).chain(snapshot -> {
            if (snapshot == null) {
                return factsFromDatabase(firmId, callerId, pairs, null, aboutOthers);
            }
            if (aboutOthers && !snapshot.isAdministrator(callerId)) {
                throw ForbiddenProblem.missingPermission("administrator");
            }
            List<AccessFacts> facts = new ArrayList<>(pairs.size());
            for (Pair pair : pairs) {
                facts.add(snapshot.facts(pair.userId(), pair.matterId()));
            }
            return Uni.createFrom().item(facts);
        });
    }

    /** The same facts from the database, now or at {@code at}: one statement. */
    Uni<List<AccessFacts>> factsFromDatabase(UUID firmId, UUID callerId, List<Pair> pairs, Instant at, boolean aboutOthers) {
        Map<String, Object> params = withAt(Map.of("firm", firmId, "caller", callerId,
                "users", pairs.stream().map(p -> p.userId().toString()).collect(Collectors.joining(",")),
                "matters", pairs.stream().map(p -> p.matterId().toString()).collect(Collectors.joining(","))), at);
        return db.rows(Temporal.at(FACTS, at), params).map(rows -> {
            if (aboutOthers && !(Boolean) rows.get(0)[9]) {
                throw ForbiddenProblem.missingPermission("administrator");
            }
            List<AccessFacts> facts = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                facts.add(new AccessFacts((Boolean) row[1], (Boolean) row[2], (Boolean) row[3], (String) row[4],
                        (Boolean) row[5], (Boolean) row[6], (Boolean) row[7], groups((String) row[8])));
            }
            return facts;
        });
    }

    private static Map<String, Object> withAt(Map<String, Object> params, Instant at) {
        if (at == null) {
            return params;
        }
        Map<String, Object> with = new HashMap<>(params);
        with.put("at", at.atOffset(ZoneOffset.UTC));
        return with;
    }

    private List<GroupRef> groups(String jsonArray) {
        if (jsonArray == null) {
            return List.of();
        }
        try {
            return json.readValue(jsonArray, GROUP_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("json_agg always yields a JSON array", e);
        }
    }
}
