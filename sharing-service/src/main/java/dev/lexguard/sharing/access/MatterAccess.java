package dev.lexguard.sharing.access;

import dev.lexguard.permissions.rules.AccessFacts;
import dev.lexguard.permissions.rules.GroupRef;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sharing.Database;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers, from this service's projection of identity's and permissions-service's events, whether a user may see
 * a matter now and whether a user is an administrator now. Runs on the caller's reactive session.
 */
@ApplicationScoped
public class MatterAccess {

    static final String FACTS = """
            select u.id is not null, m.id is not null, coalesce(u.active, false), m.mode,
                   exists (select 1 from proj_matter_entry e where e.matter_id = :matter and e.kind = 'block' and e.principal_id = :user),
                   coalesce(u.active and (u.owner or u.administrator), false),
                   exists (select 1 from proj_matter_entry e where e.matter_id = :matter and e.kind = 'user' and e.principal_id = :user),
                   (select string_agg(distinct cast(e.principal_id as text), ',') from proj_matter_entry e
                           join proj_group_member g on g.group_id = e.principal_id
                           where e.matter_id = :matter and e.kind = 'group' and g.user_id = :user),
                   m.status
            from (select 1) as one
            left join proj_user u on u.id = :user and u.firm_id = :firm
            left join proj_matter m on m.id = :matter and m.firm_id = :firm""";
    static final String BLOCKED_MATTERS = """
            select e.matter_id from proj_matter_entry e join proj_matter m on m.id = e.matter_id
            where m.firm_id = :firm and e.kind = 'block' and e.principal_id = :user""";
    static final String ADMINISTRATOR = """
            select count(*) from proj_user where id = :user and firm_id = :firm and active and (owner or administrator)""";

    private final Database db;

    public MatterAccess(Database db) {
        this.db = db;
    }

    /**
     * The matter as this service knows it, with the facts of the access rule about the user and it (this projection
     * knows the ids of the user's groups on the matter's list, not their names).
     */
    public record MatterView(AccessFacts facts, String status) {
        public boolean closed() {
            return "closed".equals(status);
        }

        /** permissions-service's rule applied to the projected facts: both services answer the same way. */
        public boolean allowed() {
            return facts.decide().allowed();
        }
    }

    public Uni<MatterView> view(UUID firmId, UUID userId, UUID matterId) {
        return db.rows(FACTS, Map.of("firm", firmId, "user", userId, "matter", matterId)).map(rows -> {
            Object[] r = rows.get(0);
            return new MatterView(new AccessFacts(bool(r[0]), bool(r[1]), bool(r[2]), (String) r[3], bool(r[4]), bool(r[5]),
                    bool(r[6]), groups((String) r[7])), (String) r[8]);
        });
    }

    public Uni<Boolean> canSee(UUID firmId, UUID userId, UUID matterId) {
        return view(firmId, userId, matterId).map(MatterView::allowed);
    }

    public Uni<Boolean> isAdministrator(UUID firmId, UUID userId) {
        return db.rows(ADMINISTRATOR, Map.of("firm", firmId, "user", userId))
                .map(rows -> ((Number) rows.get(0)[0]).longValue() > 0);
    }

    /** @throws ForbiddenProblem unless the user is an active administrator of the firm now */
    public Uni<Void> requireAdministrator(UUID firmId, UUID userId) {
        return isAdministrator(firmId, userId).invoke(admin -> {
            if (!admin) {
                throw new ForbiddenProblem("This requires the 'administrator' permission");
            }
        }).replaceWithVoid();
    }

    /**
     * Users who can see the matter now (administrators too, unless the matter's access list blocks them: a block
     * beats every allow); anyone else, and a matter this firm does not have, gets a 404, as if it did not exist.
     */
    public Uni<Void> requireViewer(UUID firmId, UUID userId, UUID matterId) {
        return canSee(firmId, userId, matterId).invoke(allowed -> {
            if (!allowed) {
                throw new NotFoundProblem();
            }
        }).replaceWithVoid();
    }

    /**
     * Requires an active administrator (403 otherwise) and answers the matters of the firm whose access lists block
     * them: a firm-wide view leaves those matters' shares out (a block beats every allow, administrators included).
     */
    public Uni<List<UUID>> requireAdministratorWalledFrom(UUID firmId, UUID userId) {
        return requireAdministrator(firmId, userId).chain(() -> db.rows(BLOCKED_MATTERS, Map.of("firm", firmId, "user", userId)))
                .map(rows -> rows.stream().map(r -> (UUID) r[0]).toList());
    }

    private static List<GroupRef> groups(String ids) {
        if (ids == null) {
            return List.of();
        }
        return Arrays.stream(ids.split(",")).map(id -> new GroupRef(UUID.fromString(id), null)).toList();
    }

    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value);
    }
}
