package dev.lexguard.identity.firms;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserEvents;
import dev.lexguard.identity.users.UserInput;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.identity.users.UserResponse;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.ConflictProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

@ApplicationScoped
public class FirmService {

    private final FirmRepository firms;
    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;

    public FirmService(FirmRepository firms, UserRepository users, PasswordPolicy policy, PasswordHasher hasher,
            OutboxWriter outbox) {
        this.firms = firms;
        this.users = users;
        this.policy = policy;
        this.hasher = hasher;
        this.outbox = outbox;
    }

    /** Validates, hashes the password on the hashing pool, then creates the firm and its owner in one transaction. */
    public Uni<SignUpResponse> signUp(SignUpRequest request) {
        String firmName = UserInput.name("firmName", request.firmName(), UserInput.MAX_FIRM_NAME);
        String ownerName = UserInput.name("ownerName", request.ownerName(), UserInput.MAX_NAME);
        String email = UserInput.email("ownerEmail", request.ownerEmail());
        String password = policy.check("password", request.password(), email, ownerName);
        return hasher.hash(password)
                .chain(hash -> Panache.withTransaction(() -> create(firmName, ownerName, email, hash)));
    }

    /**
     * An email that already has an account (in any firm) gets the same 201 and body shape as a fresh one, after the
     * same Argon2 run, so sign-up does not tell who has an account; nothing is created, and the owner of the address
     * learns of the attempt by mail (the mailer sends it on {@code signup.emailInUse}).
     */
    private Uni<SignUpResponse> create(String firmName, String ownerName, String email, String passwordHash) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Firm firm = new Firm(UUID.randomUUID(), firmName, now);
        User owner = User.owner(firm.id(), email, ownerName, passwordHash, now);
        SignUpResponse answer = new SignUpResponse(FirmResponse.of(firm), UserResponse.of(owner));
        return users.findByEmail(email).chain(existing -> existing != null
                ? outbox.append(IdentityEvents.bySystem(IdentityEvents.SIGN_UP_EMAIL_IN_USE, existing.id().toString(),
                        existing.firmId(), new EmailInUse(existing.id(), existing.email(), "sign_up"))).replaceWith(answer)
                : firms.persist(firm)
                        .chain(() -> users.persistAndFlush(owner))
                        .onFailure(UserEvents::isUniqueViolation).transform(e -> emailTaken())
                        .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.FIRM_CREATED, firm.id(),
                                firm.id(), owner.id(), new FirmCreated(firm.id(), firm.name(), owner.id()))))
                        .chain(() -> outbox.append(UserEvents.created(owner, owner.id())))
                        .replaceWith(answer));
    }

    @WithSession
    public Uni<Firm> find(UUID firmId) {
        return firms.findById(firmId);
    }

    static ConflictProblem emailTaken() {
        return new ConflictProblem("email-in-use", "An account with this email address already exists");
    }

    record FirmCreated(UUID firmId, String name, UUID ownerId) {
    }

    /** {@code signup.emailInUse}: for the mailer, which tells the address's owner (never the password). */
    public record EmailInUse(UUID userId, String email, String attempt) {
    }
}
