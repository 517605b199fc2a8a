package dev.lexguard.identity.portal;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.mail.MailedLink;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.passwords.PasswordService;
import dev.lexguard.identity.passwords.ResetLink;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.twofactor.TotpFactors;
import dev.lexguard.identity.users.IssuedLink;
import dev.lexguard.identity.users.UserInput;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.http.ClientNetworks;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A contact's self-service portal password reset, under the rules of firm users' ({@link PasswordService}): the same
 * answer whatever the address, a single-use link the mailer fetches by id (never in an event), the same lifetime and
 * password rules, the second factor still needed when the contact has one, every portal session ended. Requests are
 * counted per address (whether or not an account has it) and per client network; past the limit, 429.
 */
@ApplicationScoped
public class PortalPasswordResetService {

    public static final String RESET_PREFIX = "lgpp_";
    /** Requests from one client network per window before 429 (a reset request costs nothing but a row and a mail). */
    static final int MAX_REQUESTS_PER_NETWORK = 20;

    private final PortalAccountRepository accounts;
    private final PortalPasswordResetRepository resets;
    private final PortalSessionService sessions;
    private final SignInThrottle throttle;
    private final TotpFactors factors;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;
    private final IdentityConfig config;

    public PortalPasswordResetService(PortalAccountRepository accounts, PortalPasswordResetRepository resets,
            PortalSessionService sessions, SignInThrottle throttle, TotpFactors factors, PasswordPolicy policy,
            PasswordHasher hasher, OutboxWriter outbox, IdentityConfig config) {
        this.accounts = accounts;
        this.resets = resets;
        this.sessions = sessions;
        this.throttle = throttle;
        this.factors = factors;
        this.policy = policy;
        this.hasher = hasher;
        this.outbox = outbox;
        this.config = config;
    }

    private record Counted(SignInThrottle.WindowCount address, SignInThrottle.WindowCount network) {
    }

    /**
     * Starts a reset for the firm's active portal account of this address, announced by
     * {@code portal.passwordResetRequested} (no link in it). An unknown address, an invited account (its invitation sets
     * the password) and a disabled one get the same answer and nothing else.
     *
     * @throws TooManyRequestsProblem after {@link PasswordService#MAX_RESETS_PER_WINDOW} requests for the address or
     *         {@link #MAX_REQUESTS_PER_NETWORK} from the client's network within {@link PasswordService#RESET_WINDOW}
     */
    public Uni<Void> requestReset(UUID firmId, String rawEmail, ClientInfo client) {
        String email = UserInput.email("email", rawEmail);
        Instant now = now();
        return Panache.withTransaction(() -> throttle.countRequest(addressKey(firmId, email), now, PasswordService.RESET_WINDOW)
                .chain(address -> throttle.countRequest("portal-reset-ip:" + ClientNetworks.limitKey(client.ip()), now,
                        PasswordService.RESET_WINDOW).map(network -> new Counted(address, network)))
                .chain(counted -> {
                    if (counted.address().count() > PasswordService.MAX_RESETS_PER_WINDOW) {
                        return Uni.createFrom().item(counted.address());
                    }
                    if (counted.network().count() > MAX_REQUESTS_PER_NETWORK) {
                        return Uni.createFrom().item(counted.network());
                    }
                    return accounts.findByEmail(firmId, email).chain(account -> account == null || !account.isActive()
                            ? Uni.createFrom().voidItem()
                            : startReset(account, now)).replaceWith((SignInThrottle.WindowCount) null);
                }))
                .map(limited -> {
                    if (limited != null) {
                        Duration wait = Duration.between(now, limited.windowStart().plus(PasswordService.RESET_WINDOW));
                        throw new TooManyRequestsProblem(wait.isNegative() ? Duration.ofSeconds(1) : wait,
                                "Too many password reset requests; retry later");
                    }
                    return null;
                });
    }

    /** The address's counter: the firm and the address, so it says nothing about whether an account has it. */
    private static String addressKey(UUID firmId, String email) {
        return "portal-reset:" + firmId + ":" + email;
    }

    private Uni<Void> startReset(PortalAccount account, Instant now) {
        PortalPasswordReset reset = new PortalPasswordReset(account.firmId(), account.id(), now,
                now.plus(config.links().passwordResetLifetime()));
        return resets.persist(reset)
                .chain(() -> resets.retireOthers(account.id(), reset.id(), now))
                .chain(() -> outbox.append(IdentityEvents.bySystem(PortalEvents.PASSWORD_RESET_REQUESTED,
                        account.id().toString(), account.firmId(), new PortalEvents.PasswordResetRequested(reset.id(),
                                account.id(), account.email(), reset.expiresAt()))));
    }

    /** Mints the one-time reset link for the mailer; only once per reset. */
    @WithTransaction
    public Uni<IssuedLink> issueResetLink(UUID resetId) {
        Instant now = now();
        return resets.findById(resetId).chain(reset -> {
            String token = MailedLink.mintToken(reset, RESET_PREFIX, now,
                    "The link for this reset has already been issued; request a new reset");
            return accounts.findById(reset.accountId()).map(account -> new IssuedLink(
                    config.links().portalPasswordResetBase() + token, account.email(), reset.expiresAt()));
        });
    }

    private record Subject(PortalAccount account, boolean twoFactor) {
    }

    /**
     * Sets a new password with a reset token (and a TOTP or recovery code when the contact has a second factor: a
     * link alone never replaces it); every portal session of the account ends. Returns how many ended.
     */
    public Uni<Integer> completeReset(String token, String newPassword, String code, ClientInfo client) {
        Instant now = now();
        return Panache.withSession(() -> usableReset(token, now)
                        .chain(reset -> accounts.findInFirm(reset.firmId(), reset.accountId()))
                        .chain(account -> {
                            if (account == null || !account.isActive()) {
                                return Uni.createFrom().failure(ResetLink.invalidToken());
                            }
                            String key = PortalSignInService.throttleKey(account.firmId(), account.email());
                            return throttle.check(key, client.ip(), now).chain(verdict -> {
                                if (verdict != null) {
                                    return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                                            "Too many failed attempts; retry later"));
                                }
                                return factors.isEnabled(account.firmId(), account.id())
                                        .map(on -> new Subject(account, on));
                            });
                        }))
                .chain(subject -> checkSecondFactor(subject, code, client, now))
                .chain(account -> hasher.hash(policy.check("newPassword", newPassword, account.email(), account.name())))
                .chain(hash -> Panache.withTransaction(() -> usableReset(token, now()).chain(reset ->
                        accounts.lockInFirm(reset.firmId(), reset.accountId()).chain(account -> {
                            if (account == null || !account.isActive()) {
                                return Uni.createFrom().failure(ResetLink.invalidToken());
                            }
                            Instant at = now();
                            reset.use(at);
                            account.resetPassword(hash);
                            return resets.retireOthers(account.id(), reset.id(), at)
                                    .chain(() -> sessions.endAll(account, PortalSessionService.PASSWORD_RESET, account.id()))
                                    .call(ended -> outbox.append(PortalEvents.byContact(PortalEvents.PASSWORD_RESET,
                                            account, new PortalEvents.PasswordReset(reset.id(), account.id(), ended))))
                                    .call(() -> throttle.clearAccount(
                                            PortalSignInService.throttleKey(account.firmId(), account.email())));
                        }))));
    }

    private Uni<PortalAccount> checkSecondFactor(Subject subject, String code, ClientInfo client, Instant now) {
        PortalAccount account = subject.account();
        if (!subject.twoFactor()) {
            return Uni.createFrom().item(account);
        }
        if (code == null || code.isBlank()) {
            return Uni.createFrom().failure(new BadRequestProblem("second-factor-required",
                    "A code from your authenticator app or a recovery code is required",
                    List.of(new FieldError("code", "is required when two-factor authentication is on"))));
        }
        String stripped = code.strip();
        return Panache.withTransaction(() -> factors.looksLikeTotp(stripped)
                        ? factors.checkTotp(account.firmId(), account.id(), stripped)
                        : factors.checkRecoveryCode(account.firmId(), account.id(), stripped))
                .chain(check -> check.accepted() ? Uni.createFrom().item(account)
                        : Panache.withTransaction(() -> throttle.recordFailure(
                                        PortalSignInService.throttleKey(account.firmId(), account.email()), client.ip(), now))
                                .chain(() -> Uni.createFrom().failure(new ForbiddenProblem("wrong-password",
                                        "The code is not correct"))));
    }

    private Uni<PortalPasswordReset> usableReset(String token, Instant now) {
        if (!OpaqueTokens.wellFormed(RESET_PREFIX, token)) {
            return Uni.createFrom().failure(ResetLink.invalidToken());
        }
        return resets.findByTokenHash(OpaqueTokens.hash(token)).map(reset -> {
            if (reset == null || !reset.isRedeemable(now)) {
                throw ResetLink.invalidToken();
            }
            return reset;
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
