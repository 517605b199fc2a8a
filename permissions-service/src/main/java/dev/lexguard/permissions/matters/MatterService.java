package dev.lexguard.permissions.matters;

import dev.lexguard.permissions.Database;
import dev.lexguard.permissions.PermissionsEvents;
import dev.lexguard.permissions.access.AccessService;
import dev.lexguard.permissions.accountpermissions.AccountPermissionsService;
import dev.lexguard.permissions.identityprojection.UserRepository;
import dev.lexguard.permissions.matteraccess.MatterAccessService;
import dev.lexguard.permissions.matterrecords.Matter;
import dev.lexguard.permissions.matterrecords.MatterDetails;
import dev.lexguard.permissions.matterrecords.MatterRepository;
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
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class MatterService {

    static final String SAME_NUMBER = """
            select count(*) from matter where firm_id = :firm and lower(display_number) = lower(:number) and id <> :id""";

    private final MatterRepository matters;
    private final UserRepository users;
    private final AccountPermissionsService permissions;
    private final MatterAccessService access;
    private final AccessService checks;
    private final Database db;
    private final OutboxWriter outbox;

    public MatterService(MatterRepository matters, UserRepository users, AccountPermissionsService permissions,
            MatterAccessService access, AccessService checks, Database db, OutboxWriter outbox) {
        this.matters = matters;
        this.users = users;
        this.permissions = permissions;
        this.access = access;
        this.checks = checks;
        this.db = db;
        this.outbox = outbox;
    }

    /** Registers a matter (administrators only); its access starts as everyone. */
    @WithTransaction
    public Uni<MatterResponse> register(UUID firmId, UUID actorId, MatterRequest request) {
        UUID id = request.id() == null ? UUID.randomUUID() : request.id();
        Matter matter = new Matter(id, firmId, request.details(), request.statusOrOpen(), now());
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> matters.findById(id))
                .invoke(existing -> {
                    if (existing != null) {
                        // another firm's matter with this id is just as taken, but says nothing about that firm
                        throw new ConflictProblem("matter-exists", "A matter with this id is already registered");
                    }
                })
                .chain(() -> validate(firmId, id, matter.displayNumber(), matter.responsibleAttorneyId()))
                .chain(() -> matters.persistAndFlush(matter))
                .onFailure(Database::isUniqueViolation).transform(e -> duplicateNumber())
                .call(() -> access.open(matter))
                .call(() -> outbox.append(PermissionsEvents.aboutMatter(PermissionsEvents.MATTER_REGISTERED, id, firmId, actorId,
                        MatterChanged.of(matter))))
                .map(MatterResponse::of);
    }

    /** Changes the matter's details; its matter.updated carries the previous values of the fields that changed. */
    @WithTransaction
    public Uni<MatterResponse> update(UUID firmId, UUID actorId, UUID matterId, MatterRequest request) {
        MatterDetails details = request.details();
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> visibleTo(firmId, actorId, matterId))
                .call(matter -> validate(firmId, matterId, details.displayNumber(), details.responsibleAttorneyId()))
                .chain(matter -> {
                    if (Matter.CLOSED.equals(matter.status())) {
                        throw new BusinessRuleProblem("matter-closed", "A closed matter cannot be changed");
                    }
                    MatterChanged before = MatterChanged.of(matter);
                    matter.apply(details, now());
                    if (request.status() != null) {
                        matter.changeStatus(request.statusOrOpen(), now());
                    }
                    return matters.flush().onFailure(Database::isUniqueViolation).transform(e -> duplicateNumber())
                            .chain(() -> outbox.append(PermissionsEvents.aboutMatter(PermissionsEvents.MATTER_UPDATED, matterId,
                                    firmId, actorId, new Change(before, MatterChanged.of(matter)))))
                            .replaceWith(matter);
                })
                .map(MatterResponse::of);
    }

    @WithTransaction
    public Uni<MatterResponse> close(UUID firmId, UUID actorId, UUID matterId) {
        return permissions.requireAdministrator(firmId, actorId)
                .chain(() -> visibleTo(firmId, actorId, matterId))
                .invoke(matter -> {
                    if (Matter.CLOSED.equals(matter.status())) {
                        throw new ConflictProblem("already-closed", "The matter is already closed");
                    }
                    matter.changeStatus(Matter.CLOSED, now());
                })
                .call(matter -> outbox.append(PermissionsEvents.aboutMatter(PermissionsEvents.MATTER_CLOSED, matterId, firmId,
                        actorId, MatterChanged.of(matter))))
                .map(MatterResponse::of);
    }

    /** The matter if the caller may see it now; otherwise 404, exactly as for a matter that does not exist. */
    @WithSession
    public Uni<MatterResponse> read(UUID firmId, UUID callerId, UUID matterId) {
        return visibleTo(firmId, callerId, matterId).map(MatterResponse::of);
    }

    /**
     * The matter if the caller may see it now, or 404: an administrator walled from a matter (blocked on its access
     * list) can neither read, change nor close it, exactly as if it did not exist.
     */
    private Uni<Matter> visibleTo(UUID firmId, UUID callerId, UUID matterId) {
        return checks.maySee(firmId, callerId, matterId).chain(visible -> {
            if (!visible) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            return matters.findInFirm(firmId, matterId).onItem().ifNull().failWith(NotFoundProblem::new);
        });
    }

    private Uni<Void> validate(UUID firmId, UUID matterId, String displayNumber, UUID responsibleAttorneyId) {
        return db.rows(SAME_NUMBER, Map.of("firm", firmId, "number", displayNumber, "id", matterId))
                .invoke(rows -> {
                    if (Database.count(rows) > 0) {
                        throw duplicateNumber();
                    }
                })
                .chain(() -> responsibleAttorneyId == null ? Uni.createFrom().voidItem()
                        : users.findInFirm(firmId, responsibleAttorneyId).invoke(user -> {
                            if (user == null) {
                                throw new BusinessRuleProblem("unknown-user", "The responsible attorney is not a user of this firm");
                            }
                        }).replaceWithVoid());
    }

    private static ConflictProblem duplicateNumber() {
        return new ConflictProblem("duplicate-display-number", "The firm already has a matter with this display number");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    record MatterChanged(UUID matterId, String displayNumber, String description, UUID clientContactId,
            UUID responsibleAttorneyId, String practiceArea, String status) {
        static MatterChanged of(Matter matter) {
            return new MatterChanged(matter.id(), matter.displayNumber(), matter.description(), matter.clientContactId(),
                    matter.responsibleAttorneyId(), matter.practiceArea(), matter.status());
        }
    }
}
