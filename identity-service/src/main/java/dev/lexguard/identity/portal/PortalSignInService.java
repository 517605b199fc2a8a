package dev.lexguard.identity.portal;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.firms.FirmRepository;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionTokens;
import dev.lexguard.identity.signin.LoginResponse;
import dev.lexguard.identity.signin.SecondFactorCheck;
import dev.lexguard.identity.signin.SignInChallenge;
import dev.lexguard.identity.signin.SignInChallengeRepository;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.signin.ThrottleRule;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.twofactor.RecoveryCodes;
import dev.lexguard.identity.twofactor.TotpFactors;
import dev.lexguard.identity.twofactor.TwoFactorService;
import dev.lexguard.identity.users.UserInput;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A contact's sign-in to the portal and their own second factor, under the rules of firm users' sign-in: one
 * Argon2 run per attempt (a dummy hash for unknown emails), the same 401 for every wrong answer, the same throttle
 * (keyed by firm and email, so a contact's failures never lock a firm user with that email), TOTP with replay
 * refusal or a recovery code, a five-attempt challenge.
 */
@ApplicationScoped
public class PortalSignInService {

    public static final String CHALLENGE_PREFIX = "lgpc_";
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    public static final String ENROLMENT_PREFIX = "lgpe_";
    static final Duration ENROLMENT_LIFETIME = Duration.ofMinutes(15);

    private final PortalAccountRepository accounts;
    private final SignInChallengeRepository challenges;
    private final PortalSessionService sessions;
    private final FirmRepository firms;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final TotpFactors factors;
    private final OutboxWriter outbox;

    public PortalSignInService(PortalAccountRepository accounts, SignInChallengeRepository challenges,
            PortalSessionService sessions, FirmRepository firms, PasswordHasher hasher, SignInThrottle throttle,
            TotpFactors factors, OutboxWriter outbox) {
        this.accounts = accounts;
        this.challenges = challenges;
        this.sessions = sessions;
        this.firms = firms;
        this.hasher = hasher;
        this.throttle = throttle;
        this.factors = factors;
        this.outbox = outbox;
    }

    /** The throttle's account key: a portal account is its firm and email, never a firm user's email. */
    static String throttleKey(UUID firmId, String email) {
        return "portal:" + firmId + ":" + email;
    }

    private record Attempt(PortalAccount account, SignInThrottle.Verdict verdict) {
    }

    public Uni<LoginResponse> login(UUID firmId, String rawEmail, String rawPassword, ClientInfo client) {
        String email = UserInput.email("email", rawEmail);
        String password = PasswordPolicy.normalise(rawPassword);
        String key = throttleKey(firmId, email);
        Instant now = now();
        return Panache.withSession(() -> throttle.check(key, client.ip(), now)
                        .chain(verdict -> accounts.findByEmail(firmId, email).map(a -> new Attempt(a, verdict))))
                .chain(attempt -> {
                    PortalAccount account = attempt.account();
                    if (attempt.verdict() != null) {
                        return fail(firmId, email, account, attempt.verdict().reason(), client, now, false,
                                new TooManyRequestsProblem(attempt.verdict().retryAfter(),
                                        "Too many failed sign-ins; retry later"));
                    }
                    return Panache.withTransaction(() -> throttle.reserveAccountAttempt(key, now)).chain(reserved -> {
                        if (!reserved) {
                            return fail(firmId, email, account, "account_locked", client, now, false,
                                    new TooManyRequestsProblem(ThrottleRule.HARD_LOCK, "Too many failed sign-ins; retry later"));
                        }
                        return hasher.verify(password == null ? "" : password,
                                account == null ? null : account.passwordHash()).chain(matches -> {
                                    if (!matches || password == null) {
                                        return fail(firmId, email, account, account == null ? "unknown_account"
                                                : "wrong_password", client, now, true,
                                                AuthenticationProblem.invalidCredentials());
                                    }
                                    if (!account.isActive()) {
                                        return fail(firmId, email, account, PortalAccount.DISABLED.equals(account.status())
                                                ? "account_disabled" : "account_not_activated", client, now, true,
                                                AuthenticationProblem.invalidCredentials());
                                    }
                                    if (account.passwordResetRequired()) {
                                        // only someone who knew the password learns this ("not me"): no sign-in with it
                                        return fail(firmId, email, account, "password_reset_required", client, now, false,
                                                AuthenticationProblem.passwordResetRequired());
                                    }
                                    return succeed(account, password, key, client);
                                });
                    });
                });
    }

    private Uni<LoginResponse> succeed(PortalAccount account, String password, String key, ClientInfo client) {
        Uni<String> rehash = hasher.needsRehash(account.passwordHash()) ? hasher.hash(password)
                : Uni.createFrom().nullItem();
        return rehash.chain(newHash -> Panache.withTransaction(() -> accounts.lockInFirm(account.firmId(), account.id())
                .invoke(current -> {
                    if (newHash != null) {
                        current.changePassword(newHash);
                    }
                })
                .chain(current -> factors.isEnabled(current.firmId(), current.id()).chain(twoFactor -> twoFactor
                        ? challenge(current, client)
                        : throttle.clearAccount(key)
                                .chain(() -> sessions.start(current, List.of("pwd"), client))
                                .map(LoginResponse::authenticated)))));
    }

    private Uni<LoginResponse> challenge(PortalAccount account, ClientInfo client) {
        Instant now = now();
        String token = OpaqueTokens.mint(CHALLENGE_PREFIX);
        SignInChallenge challenge = SignInChallenge.afterFirstFactor(account.firmId(), account.id(), OpaqueTokens.hash(token),
                client, now, now.plus(CHALLENGE_LIFETIME), "pwd", SignInChallenge.PORTAL_SECOND_FACTOR);
        return challenges.persist(challenge).map(ignored -> LoginResponse.twoFactorRequired(token, challenge.expiresAt()));
    }

    private record SecondStep(LoginResponse response, RuntimeException problem) {
    }

    /** The second step: a TOTP code or a recovery code against the locked challenge; five wrong ones burn it. */
    public Uni<LoginResponse> completeTwoFactor(String challengeToken, String code, String recoveryCode,
            ClientInfo client) {
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecovery = recoveryCode != null && !recoveryCode.isBlank();
        if (hasCode == hasRecovery) {
            throw new BadRequestProblem("second-factor-required", "Give either a code or a recovery code",
                    List.of(new FieldError("code", "give exactly one of code and recoveryCode")));
        }
        if (!OpaqueTokens.wellFormed(CHALLENGE_PREFIX, challengeToken)) {
            throw AuthenticationProblem.invalidChallenge();
        }
        Instant now = now();
        return Panache.withTransaction(() -> challenges.lockByTokenHash(OpaqueTokens.hash(challengeToken),
                        SignInChallenge.PORTAL_SECOND_FACTOR)
                .chain(challenge -> {
                    if (challenge == null || !challenge.isOpen(now)) {
                        return Uni.createFrom().item(new SecondStep(null, AuthenticationProblem.invalidChallenge()));
                    }
                    return accounts.findInFirm(challenge.firmId(), challenge.userId()).chain(account -> {
                        if (account == null || !account.isActive()) {
                            challenge.use(now);
                            return Uni.createFrom().item(new SecondStep(null, AuthenticationProblem.invalidChallenge()));
                        }
                        Uni<SecondFactorCheck> check = hasCode
                                ? factors.checkTotp(account.firmId(), account.id(), code.strip())
                                : factors.checkRecoveryCode(account.firmId(), account.id(), recoveryCode);
                        return check.chain(result -> {
                            if (!result.accepted()) {
                                challenge.failedAttempt();
                                String reason = result.result() == SecondFactorCheck.Result.REPLAYED ? "replayed_code"
                                        : hasCode ? "wrong_code" : "wrong_recovery_code";
                                return failed(account, reason, client)
                                        .chain(() -> challenge.isBurnt() ? failed(account, "challenge_burned", client)
                                                : Uni.createFrom().voidItem())
                                        .replaceWith(new SecondStep(null, AuthenticationProblem.invalidSecondFactor()));
                            }
                            challenge.use(now);
                            if (account.twoFactorReenrolmentRequired()) {
                                // "not me": the old factor proved it is the contact; a new secret before any token
                                return throttle.clearAccount(throttleKey(account.firmId(), account.email()))
                                        .chain(() -> enrolmentToken(account, client, challenge.firstFactor()))
                                        .map(response -> new SecondStep(response, null));
                            }
                            Integer remaining = result.result() == SecondFactorCheck.Result.RECOVERY_CODE
                                    && RecoveryCodes.isRunningLow(result.recoveryCodesRemaining())
                                    ? result.recoveryCodesRemaining() : null;
                            return throttle.clearAccount(throttleKey(account.firmId(), account.email()))
                                    .chain(() -> sessions.start(account, List.of("pwd", result.amr()), client))
                                    .map(tokens -> new SecondStep(LoginResponse.authenticated(tokens, remaining), null));
                        });
                    });
                })).map(step -> {
                    if (step.problem() != null) {
                        throw step.problem();
                    }
                    return step.response();
                });
    }

    private Uni<LoginResponse> enrolmentToken(PortalAccount account, ClientInfo client, String firstFactor) {
        Instant now = now();
        String token = OpaqueTokens.mint(ENROLMENT_PREFIX);
        SignInChallenge enrolment = SignInChallenge.afterFirstFactor(account.firmId(), account.id(),
                OpaqueTokens.hash(token), client, now, now.plus(ENROLMENT_LIFETIME), firstFactor,
                SignInChallenge.PORTAL_ENROLMENT);
        return challenges.persist(enrolment)
                .map(ignored -> LoginResponse.enrollmentRequired(token, enrolment.expiresAt()));
    }

    /** A new secret for the contact of an enrolment-only token (which stays valid for the confirmation). */
    public Uni<TwoFactorService.Enrolment> enrolWithToken(String token) {
        return Panache.withTransaction(() -> openEnrolment(token).chain(challenge ->
                accounts.findInFirm(challenge.firmId(), challenge.userId()).chain(account -> firms.findById(account.firmId())
                        .chain(firm -> factors.startEnrolment(account.firmId(), account.id(), firm.name() + " portal",
                                account.email())))));
    }

    /** The new factor replaces the old, the token is used up and a session starts (amr pwd, otp). */
    public record TokenConfirmation(TotpFactors.Confirmed confirmation, SessionTokens tokens) {
    }

    public Uni<TokenConfirmation> confirmWithToken(String token, String code, ClientInfo client) {
        return Panache.withTransaction(() -> openEnrolment(token).chain(challenge ->
                accounts.lockInFirm(challenge.firmId(), challenge.userId()).chain(account ->
                        factors.confirm(account.firmId(), account.id(), code).chain(confirmed -> {
                            challenge.use(now());
                            account.twoFactorReenrolled();
                            return outbox.append(PortalEvents.byContact(PortalEvents.TWO_FACTOR_ENABLED, account,
                                            new PortalEvents.TwoFactorEnabled(account.id(), "totp", confirmed.replaced())))
                                    .chain(() -> throttle.clearAccount(throttleKey(account.firmId(), account.email())))
                                    .chain(() -> sessions.start(account, List.of(challenge.firstFactor(), "otp"), client))
                                    .map(tokens -> new TokenConfirmation(confirmed, tokens));
                        }))));
    }

    private Uni<SignInChallenge> openEnrolment(String token) {
        if (!OpaqueTokens.wellFormed(ENROLMENT_PREFIX, token)) {
            return Uni.createFrom().failure(AuthenticationProblem.invalidChallenge());
        }
        Instant now = now();
        return challenges.lockByTokenHash(OpaqueTokens.hash(token), SignInChallenge.PORTAL_ENROLMENT)
                .chain(challenge -> challenge == null || !challenge.isOpen(now)
                        ? Uni.createFrom().failure(AuthenticationProblem.invalidChallenge())
                        : accounts.findInFirm(challenge.firmId(), challenge.userId()).chain(account -> account == null
                                || !account.isActive()
                                ? Uni.createFrom().failure(AuthenticationProblem.invalidChallenge())
                                : Uni.createFrom().item(challenge)));
    }

    // ---- the contact's own second factor

    /**
     * A new TOTP secret, pending until confirmed. Replacing an active factor needs the password and a current code
     * (as for firm users); turning it on the first time needs the signed-in session only.
     */
    public Uni<TwoFactorService.Enrolment> enrol(PortalTokenVerifier.PortalCaller caller, String password, String code,
            ClientInfo client) {
        return signedIn(caller).chain(account -> Panache.withSession(() -> factors.isEnabled(account.firmId(),
                        account.id()))
                .chain(enabled -> enabled ? reauthenticate(account, password, code, client) : Uni.createFrom().item(account)))
                .chain(account -> Panache.withTransaction(() -> firms.findById(account.firmId())
                        .chain(firm -> factors.startEnrolment(account.firmId(), account.id(), firm.name() + " portal",
                                account.email()))));
    }

    public Uni<TotpFactors.Confirmed> confirm(PortalTokenVerifier.PortalCaller caller, String code) {
        return signedIn(caller).chain(account -> Panache.withTransaction(() -> factors.confirm(account.firmId(),
                        account.id(), code)
                .call(() -> accounts.lockInFirm(account.firmId(), account.id()).invoke(PortalAccount::twoFactorReenrolled))
                .call(confirmed -> outbox.append(PortalEvents.byContact(PortalEvents.TWO_FACTOR_ENABLED, account,
                        new PortalEvents.TwoFactorEnabled(account.id(), "totp", confirmed.replaced()))))));
    }

    public Uni<Void> disableTwoFactor(PortalTokenVerifier.PortalCaller caller, String password, String code,
            ClientInfo client) {
        return signedIn(caller)
                .chain(account -> Panache.withSession(() -> factors.isEnabled(account.firmId(), account.id()))
                        .chain(enabled -> enabled ? reauthenticate(account, password, code, client)
                                : Uni.createFrom().failure(new ConflictProblem("two-factor-not-enabled",
                                        "Two-factor authentication is not on for this account"))))
                .chain(account -> Panache.withTransaction(() -> factors.remove(account.firmId(), account.id())
                        .chain(() -> outbox.append(PortalEvents.byContact(PortalEvents.TWO_FACTOR_DISABLED, account,
                                new PortalEvents.TwoFactorDisabled(account.id(), "contact"))))));
    }

    private Uni<PortalAccount> signedIn(PortalTokenVerifier.PortalCaller caller) {
        return Panache.withSession(() -> sessions.openAccount(caller)).map(account -> {
            if (account == null) {
                throw AuthenticationProblem.sessionEnded();
            }
            return account;
        });
    }

    /** The password and a current code again, throttled like sign-in; a wrong one counts as a failure. */
    private Uni<PortalAccount> reauthenticate(PortalAccount account, String password, String code, ClientInfo client) {
        List<FieldError> missing = new ArrayList<>();
        if (password == null) {
            missing.add(new FieldError("password", "is required"));
        }
        if (code == null || code.isBlank()) {
            missing.add(new FieldError("code", "is required when two-factor authentication is on"));
        }
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(new BadRequestProblem("second-factor-required",
                    "The password and a code from the authenticator app (or a recovery code) are required", missing));
        }
        String key = throttleKey(account.firmId(), account.email());
        Instant now = now();
        return Panache.withSession(() -> throttle.check(key, client.ip(), now)).chain(verdict -> {
            if (verdict != null) {
                return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                        "Too many wrong passwords; retry later"));
            }
            String normalised = PasswordPolicy.normalise(password);
            return hasher.verify(normalised == null ? "" : normalised, account.passwordHash());
        }).chain(ok -> !ok ? wrongProof(key, client, now)
                : Panache.withTransaction(() -> {
                    String stripped = code.strip();
                    return factors.looksLikeTotp(stripped) ? factors.checkTotp(account.firmId(), account.id(), stripped)
                            : factors.checkRecoveryCode(account.firmId(), account.id(), stripped);
                }).chain(check -> check.accepted() ? Uni.createFrom().item(account) : wrongProof(key, client, now)));
    }

    private Uni<PortalAccount> wrongProof(String key, ClientInfo client, Instant now) {
        return Panache.withTransaction(() -> throttle.recordFailure(key, client.ip(), now))
                .chain(() -> Uni.createFrom().failure(new ForbiddenProblem("wrong-password",
                        "The password or the code is not correct")));
    }

    /** Records the failure and its event in their own transaction, then answers with {@code problem}. */
    private <T> Uni<T> fail(UUID firmId, String email, PortalAccount account, String reason, ClientInfo client,
            Instant now, boolean countIp, RuntimeException problem) {
        return Panache.withTransaction(() -> firms.findById(firmId).chain(firm -> (countIp
                        ? throttle.recordIpFailure(client.ip(), now) : Uni.createFrom().voidItem())
                        .chain(() -> firm == null ? Uni.createFrom().voidItem()
                                : outbox.append(account == null
                                        ? IdentityEvents.bySystem(PortalEvents.SIGN_IN_FAILED,
                                                email, firmId, new PortalEvents.SignInFailed(email, null, reason,
                                                        client.ip(), client.userAgent()))
                                        : PortalEvents.byContact(PortalEvents.SIGN_IN_FAILED, account,
                                                new PortalEvents.SignInFailed(email, account.id(), reason, client.ip(),
                                                        client.userAgent()))))))
                .chain(() -> Uni.createFrom().failure(problem));
    }

    private Uni<Void> failed(PortalAccount account, String reason, ClientInfo client) {
        return outbox.append(PortalEvents.byContact(PortalEvents.SIGN_IN_FAILED, account,
                new PortalEvents.SignInFailed(account.email(), account.id(), reason, client.ip(), client.userAgent())));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
