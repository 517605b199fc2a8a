package dev.lexguard.identity.portal;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.firms.FirmRepository;
import dev.lexguard.identity.mail.MailedLink;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.twofactor.TotpFactors;
import dev.lexguard.identity.users.IssuedLink;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Portal accounts: created from sharing-service's request after a contact's first share, invited with a
 * single-use link (the mailer fetches it, as for firm users), activated by the contact, managed by the firm's
 * administrators (invite again, disable, reset a lost second factor).
 */
@ApplicationScoped
public class PortalAccountService {

    public static final String INVITATION_PREFIX = "lgpi_";

    private final PortalAccountRepository accounts;
    private final PortalInvitationRepository invitations;
    private final PortalSessionService sessions;
    private final FirmRepository firms;
    private final OutboxWriter outbox;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final TotpFactors factors;
    private final IdentityConfig config;

    public PortalAccountService(PortalAccountRepository accounts, PortalInvitationRepository invitations,
            PortalSessionService sessions, FirmRepository firms, OutboxWriter outbox, PasswordPolicy policy,
            PasswordHasher hasher, TotpFactors factors, IdentityConfig config) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.sessions = sessions;
        this.firms = firms;
        this.outbox = outbox;
        this.policy = policy;
        this.hasher = hasher;
        this.factors = factors;
        this.config = config;
    }

    /** What sharing-service announced about a contact who received a first share. */
    public record AccessRequest(UUID firmId, UUID contactId, String email, String name, String kind) {
    }

    /**
     * Creates and invites the contact's account; an account still waiting for its password gets a fresh invitation
     * (the old link stops working). An active or disabled account is left alone: the contact already has access,
     * or an administrator took it away and must give it back explicitly. Inside the consumer's transaction.
     */
    public Uni<Void> requestAccess(AccessRequest request) {
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        return firms.findById(request.firmId()).chain(firm -> firm == null ? Uni.createFrom().voidItem()
                : accounts.lockInFirm(request.firmId(), request.contactId()).chain(existing -> {
                    if (existing != null) {
                        if (!PortalAccount.INVITED.equals(existing.status())) {
                            return Uni.createFrom().voidItem();
                        }
                        existing.describe(email, request.name(), request.kind());
                        return invite(existing, null);
                    }
                    return accounts.findByEmail(request.firmId(), email).chain(sameEmail -> {
                        if (sameEmail != null) {
                            // one portal sign-in per email within a firm: a second contact with it gets no account
                            Log.warnf("portal access for contact %s of firm %s not created: contact %s has its email",
                                    request.contactId(), request.firmId(), sameEmail.id());
                            return Uni.createFrom().voidItem();
                        }
                        PortalAccount account = new PortalAccount(request.contactId(), request.firmId(), email,
                                request.name(), request.kind(), now());
                        return accounts.persist(account).chain(() -> invite(account, null));
                    });
                }));
    }

    /** An administrator invites the contact again (a lost or expired mail, or access given back after disabling). */
    @WithTransaction
    public Uni<PortalAccount> reinvite(UUID firmId, UUID adminId, UUID accountId) {
        return accounts.lockInFirm(firmId, accountId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            if (account.isActive()) {
                return Uni.createFrom().failure(new ConflictProblem("portal-account-active",
                        "The contact has already set a password; nothing to accept"));
            }
            account.reinvite();
            return invite(account, adminId).replaceWith(account);
        });
    }

    private Uni<Void> invite(PortalAccount account, UUID adminId) {
        Instant now = now();
        PortalInvitation invitation = new PortalInvitation(account.firmId(), account.id(), now,
                now.plus(config.links().invitationLifetime()));
        PortalEvents.Invited data = new PortalEvents.Invited(account.id(), invitation.id(), account.email(),
                account.name(), account.kind(), invitation.expiresAt(), adminId);
        EventDraft draft = adminId == null
                ? IdentityEvents.bySystem(PortalEvents.INVITED, account.id().toString(), account.firmId(), data)
                : PortalEvents.byUser(PortalEvents.INVITED, account, adminId, data);
        return invitations.supersedeOpen(account.id(), now)
                .chain(() -> invitations.persist(invitation))
                .chain(() -> outbox.append(draft));
    }

    /** The one-time link of an invitation, for the mailer; minted now, refused the second time. */
    @WithTransaction
    public Uni<IssuedLink> issueInvitationLink(UUID invitationId) {
        Instant now = now();
        return invitations.findById(invitationId).chain(invitation -> {
            String token = MailedLink.mintToken(invitation, INVITATION_PREFIX, now,
                    "The link for this invitation has already been issued; invite the contact again for a new one");
            return accounts.findById(invitation.accountId()).map(account -> new IssuedLink(
                    config.links().portalInvitationBase() + token, account.email(), invitation.expiresAt()));
        });
    }

    /** What the accept page shows; unknown, used, superseded and expired tokens are all 404. */
    public record InvitationView(String email, String name, String firmName, Instant expiresAt) {
    }

    @WithSession
    public Uni<InvitationView> describeInvitation(String token) {
        return pendingInvitation(token).chain(invitation -> accounts.findById(invitation.accountId())
                .chain(account -> firms.findById(account.firmId()).map(firm ->
                        new InvitationView(account.email(), account.name(), firm.name(), invitation.expiresAt()))));
    }

    /** Sets the password (the rules of firm users) and activates the account; the token is spent. */
    public Uni<PortalAccount> acceptInvitation(String token, String password) {
        return Panache.withSession(() -> pendingInvitation(token)
                        .chain(invitation -> accounts.findById(invitation.accountId())))
                .chain(account -> hasher.hash(policy.check("password", password, account.email(), account.name())))
                .chain(hash -> Panache.withTransaction(() -> pendingInvitation(token).chain(invitation ->
                        accounts.lockInFirm(invitation.firmId(), invitation.accountId()).chain(account -> {
                            if (!PortalAccount.INVITED.equals(account.status())) {
                                return Uni.createFrom().failure(new NotFoundProblem());
                            }
                            Instant now = now();
                            invitation.accept(now);
                            account.activate(hash, now);
                            return outbox.append(PortalEvents.byContact(PortalEvents.ACTIVATED, account,
                                            new PortalEvents.Activated(account.id(), invitation.id())))
                                    .replaceWith(account);
                        }))));
    }

    private Uni<PortalInvitation> pendingInvitation(String token) {
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

    /** An account and whether its second factor is on, for administrators and for the contact. */
    public record AccountView(PortalAccount account, boolean twoFactorEnabled) {
    }

    @WithSession
    public Uni<AccountView> show(UUID firmId, UUID accountId) {
        return accounts.findInFirm(firmId, accountId).chain(account -> account == null
                ? Uni.createFrom().failure(new NotFoundProblem())
                : factors.isEnabled(firmId, accountId).map(on -> new AccountView(account, on)));
    }

    @WithSession
    public Uni<List<PortalAccount>> page(UUID firmId, String afterEmail, int rows) {
        return accounts.page(firmId, afterEmail, rows);
    }

    /** An administrator takes portal access away: open sessions end, pending invitations stop working. */
    @WithTransaction
    public Uni<PortalAccount> disable(UUID firmId, UUID adminId, UUID accountId) {
        return accounts.lockInFirm(firmId, accountId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            if (PortalAccount.DISABLED.equals(account.status())) {
                return Uni.createFrom().item(account);
            }
            Instant now = now();
            account.disable(now);
            return invitations.supersedeOpen(account.id(), now)
                    .chain(() -> sessions.endAll(account, PortalSessionService.ACCOUNT_DISABLED, adminId))
                    .chain(() -> outbox.append(PortalEvents.byUser(PortalEvents.DISABLED, account, adminId,
                            new PortalEvents.Disabled(account.id(), adminId))))
                    .replaceWith(account);
        });
    }

    /**
     * A session of the contact was reported as not theirs ("not me", from sessions-service): every portal session ends,
     * the password no longer signs in until it is reset, and a contact with a second factor keeps it (it is still
     * needed) but must enrol a new one after proving it. Inside the consumer's transaction; an unknown account is
     * ignored, and doing it twice changes nothing more.
     */
    public Uni<Boolean> disowned(UUID firmId, UUID accountId, UUID markedBy) {
        return accounts.lockInFirm(firmId, accountId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().item(false);
            }
            account.requirePasswordReset();
            return sessions.endAll(account, PortalSessionService.DISOWNED, markedBy)
                    .chain(() -> factors.isEnabled(firmId, accountId))
                    .invoke(enabled -> {
                        if (enabled) {
                            account.requireTwoFactorReenrolment();
                        }
                    });
        });
    }

    /** An administrator turns a contact's lost second factor off; the contact may enrol again after signing in. */
    @WithTransaction
    public Uni<Void> resetTwoFactor(UUID firmId, UUID adminId, UUID accountId) {
        return accounts.findInFirm(firmId, accountId).chain(account -> account == null
                ? Uni.createFrom().failure(new NotFoundProblem())
                : factors.remove(firmId, accountId).chain(removed -> !removed
                        ? Uni.createFrom().failure(new ConflictProblem("two-factor-not-enabled",
                                "Two-factor authentication is not on for this contact"))
                        : outbox.append(PortalEvents.byUser(PortalEvents.TWO_FACTOR_DISABLED, account, adminId,
                                new PortalEvents.TwoFactorDisabled(account.id(), "administrator")))));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
