package dev.lexguard.identity.users;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.firms.FirmRepository;
import dev.lexguard.identity.mail.MailedLink;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.permissions.PermissionsProjection;
import dev.lexguard.identity.sessions.EndReason;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UserService {

    public static final String INVITATION_PREFIX = "lgi_";

    private final UserRepository users;
    private final InvitationRepository invitations;
    private final FirmRepository firms;
    private final SessionService sessions;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;
    private final IdentityConfig config;
    private final PermissionsProjection permissions;

    public UserService(UserRepository users, InvitationRepository invitations, FirmRepository firms,
            SessionService sessions, PasswordPolicy policy, PasswordHasher hasher, OutboxWriter outbox,
            IdentityConfig config, PermissionsProjection permissions) {
        this.users = users;
        this.invitations = invitations;
        this.firms = firms;
        this.sessions = sessions;
        this.policy = policy;
        this.hasher = hasher;
        this.outbox = outbox;
        this.config = config;
        this.permissions = permissions;
    }

    /** Creates an invited user and a pending invitation; the mailer is told through {@code user.invited}. */
    @WithTransaction
    public Uni<User> invite(UUID firmId, UUID adminId, InviteRequest request) {
        String email = UserInput.email("email", request.email());
        String name = UserInput.name("displayName", request.displayName(), UserInput.MAX_NAME);
        Instant now = now();
        User user = User.invited(firmId, email, name, now);
        Invitation invitation = new Invitation(firmId, user.id(), adminId, now, now.plus(config.links().invitationLifetime()));
        // only the firm's own users of the address are a conflict: an account in another firm is not this firm's to
        // learn of, so that invitation is made like any other, and its acceptance is refused to the address's owner
        return users.findInFirmByEmail(firmId, email)
                .invoke(existing -> {
                    if (existing != null) {
                        throw emailTaken();
                    }
                })
                .chain(() -> users.persistAndFlush(user))
                .onFailure(UserEvents::isUniqueViolation).transform(e -> emailTaken())
                .chain(() -> invitations.persist(invitation))
                .chain(() -> outbox.append(UserEvents.created(user, adminId)))
                .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.USER_INVITED, user.id(), firmId, adminId,
                        new UserEvents.Invited(user.id(), invitation.id(), email, adminId, invitation.expiresAt()))))
                .replaceWith(user);
    }

    @WithSession
    public Uni<User> read(UUID firmId, UUID userId) {
        return users.findInFirm(firmId, userId).map(user -> {
            if (user == null) {
                throw new NotFoundProblem();
            }
            return user;
        });
    }

    /** The user as shown: with the account permissions their tokens carry. */
    @WithSession
    public Uni<UserResponse> show(UUID firmId, UUID userId) {
        return read(firmId, userId).chain(user -> permissions.permissionsOf(user)
                .map(granted -> UserResponse.of(user, granted)));
    }

    /** One page in email order, as shown (with account permissions). */
    @WithSession
    public Uni<List<UserResponse>> page(UUID firmId, String afterEmail, int rows) {
        return users.page(firmId, afterEmail, rows).chain(page -> permissions.permissionsOf(firmId, page)
                .map(granted -> page.stream().map(user -> UserResponse.of(user, granted.get(user.id()))).toList()));
    }

    /** Deactivates a user and ends all of the user's sessions in the same transaction. */
    @WithTransaction
    public Uni<User> deactivate(UUID firmId, UUID adminId, UUID userId) {
        Instant now = now();
        return users.findInFirm(firmId, userId).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            if (user.isOwner()) {
                return Uni.createFrom().failure(new BusinessRuleProblem("owner-cannot-be-deactivated",
                        "The firm's owner cannot be deactivated"));
            }
            if (user.id().equals(adminId)) {
                return Uni.createFrom().failure(new BusinessRuleProblem("cannot-deactivate-self",
                        "You cannot deactivate yourself"));
            }
            if (user.status() == UserStatus.DEACTIVATED) {
                return Uni.createFrom().item(user);
            }
            user.deactivate(now);
            return invitations.forUser(firmId, userId)
                    .invoke(list -> list.forEach(i -> i.revoke(now)))
                    .chain(() -> sessions.endAll(firmId, userId, null, EndReason.USER_DEACTIVATED, adminId))
                    .call(ended -> outbox.append(IdentityEvents.byUser(IdentityEvents.USER_DEACTIVATED, userId, firmId,
                            adminId, new UserEvents.Deactivated(userId, ended))))
                    .replaceWith(user);
        });
    }

    /**
     * Invites a still-invited user again (the mail was lost, the link expired or was already fetched): earlier
     * invitations stop working and a new {@code user.invited} goes to the mailer.
     */
    @WithTransaction
    public Uni<User> reinvite(UUID firmId, UUID adminId, UUID userId) {
        Instant now = now();
        return users.findInFirm(firmId, userId).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            if (user.status() != UserStatus.INVITED) {
                return Uni.createFrom().failure(new BusinessRuleProblem("not-invited",
                        "Only a user who has not accepted an invitation yet can be invited again"));
            }
            Invitation invitation = new Invitation(firmId, userId, adminId, now, now.plus(config.links().invitationLifetime()));
            return invitations.forUser(firmId, userId)
                    .invoke(list -> list.forEach(i -> i.revoke(now)))
                    .chain(() -> invitations.persist(invitation))
                    .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.USER_INVITED, userId, firmId, adminId,
                            new UserEvents.Invited(userId, invitation.id(), user.email(), adminId, invitation.expiresAt()))))
                    .replaceWith(user);
        });
    }

    /** The one-time link for an invitation, minted now; a second request for the same invitation is refused. */
    @WithTransaction
    public Uni<IssuedLink> issueInvitationLink(UUID invitationId) {
        Instant now = now();
        return invitations.findById(invitationId).chain(invitation -> {
            String token = MailedLink.mintToken(invitation, INVITATION_PREFIX, now,
                    "The link for this invitation has already been issued; invite the user again for a new one");
            return users.findInFirm(invitation.firmId(), invitation.userId()).map(user -> new IssuedLink(
                    config.links().invitationBase() + token, user.email(), invitation.expiresAt()));
        });
    }

    /** An invitation's details for the accept page; 404 for unknown, used, revoked or expired tokens. */
    @WithSession
    public Uni<InvitationResponse> describeInvitation(String token) {
        return pendingInvitation(token).chain(invitation -> users.findInFirm(invitation.firmId(), invitation.userId())
                .chain(user -> firms.findById(invitation.firmId()).map(firm ->
                        new InvitationResponse(user.email(), user.displayName(), firm.name(), invitation.expiresAt()))));
    }

    /** Sets the password (hashed on the pool) and activates the user; the token is spent. */
    public Uni<User> acceptInvitation(String token, AcceptInvitationRequest request) {
        return Panache.withSession(() -> pendingInvitation(token)
                        .chain(invitation -> users.findInFirm(invitation.firmId(), invitation.userId())))
                .chain(user -> {
                    String password = policy.check("password", request.password(), user.email(), user.displayName());
                    return hasher.hash(password);
                })
                .chain(hash -> Panache.withTransaction(() -> pendingInvitation(token).chain(invitation ->
                        users.findInFirm(invitation.firmId(), invitation.userId()).chain(user -> {
                            if (user.status() != UserStatus.INVITED) {
                                return Uni.createFrom().failure(new NotFoundProblem());
                            }
                            Instant now = now();
                            invitation.accept(now);
                            user.activate(hash, now);
                            // the address has an account in another firm: one address signs in as one account
                            return users.flush().onFailure(UserEvents::isUniqueViolation).transform(e -> emailTaken())
                                    .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.USER_ACTIVATED, user.id(),
                                    user.firmId(), user.id(), new UserEvents.Activated(user.id(), invitation.id()))))
                                    .replaceWith(user);
                        }))));
    }

    private Uni<Invitation> pendingInvitation(String token) {
        if (!OpaqueTokens.wellFormed(INVITATION_PREFIX, token)) {
            return Uni.createFrom().failure(new NotFoundProblem());
        }
        Instant now = now();
        return invitations.findByTokenHash(OpaqueTokens.hash(token)).map(invitation -> {
            if (invitation == null || !invitation.isRedeemable(now)) {
                throw new NotFoundProblem();
            }
            return invitation;
        });
    }

    static ConflictProblem emailTaken() {
        return new ConflictProblem("email-in-use", "An account with this email address already exists");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
