package dev.lexguard.identity.twofactor;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.firms.FirmRepository;
import dev.lexguard.identity.passkeys.PasskeyRepository;
import dev.lexguard.identity.passkeys.PasskeyReset;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.permissions.PermissionsProjection;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.sessions.SessionTokens;
import dev.lexguard.identity.signin.SecondFactorCheck;
import dev.lexguard.identity.signin.SecondFactorVerifier;
import dev.lexguard.identity.signin.SignInChallenge;
import dev.lexguard.identity.signin.SignInChallengeRepository;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.identity.users.UserStatus;
import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * TOTP enrolment, confirmation, disabling and recovery codes, and the real {@link SecondFactorVerifier}. A
 * TOTP code is accepted at most once per user: the matched time step moves the stored replay mark forward in one
 * conditional update, so of two concurrent requests with the same code only one passes.
 */
@ApplicationScoped
public class TwoFactorService implements SecondFactorVerifier {

    static final String CONTEXT_SIGN_IN = "sign_in";
    static final String CONTEXT_PASSWORD = "password";
    static final String CONTEXT_SETTINGS = "settings";

    private final TwoFactorRepository factors;
    private final UserRepository users;
    private final FirmRepository firms;
    private final SessionService sessions;
    private final SignInThrottle throttle;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;
    private final TwoFactorPolicyRepository policies;
    private final SignInChallengeRepository challenges;
    private final PermissionsProjection permissions;
    private final TotpFactors factorsOf;
    private final PasskeyRepository passkeys;
    private final PasskeyReset passkeyReset;

    public TwoFactorService(TwoFactorRepository factors, UserRepository users,
            FirmRepository firms, SessionService sessions, SignInThrottle throttle, PasswordHasher hasher,
            OutboxWriter outbox, TwoFactorPolicyRepository policies, SignInChallengeRepository challenges,
            PermissionsProjection permissions, TotpFactors factorsOf, PasskeyRepository passkeys,
            PasskeyReset passkeyReset) {
        this.factors = factors;
        this.users = users;
        this.firms = firms;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.outbox = outbox;
        this.policies = policies;
        this.challenges = challenges;
        this.permissions = permissions;
        this.factorsOf = factorsOf;
        this.passkeys = passkeys;
        this.passkeyReset = passkeyReset;
    }

    // ---- SecondFactorVerifier

    @Override
    public Uni<Boolean> isEnabled(UUID firmId, UUID userId) {
        return factors.findInFirm(firmId, userId).map(factor -> factor != null && factor.isEnabled());
    }

    /**
     * TOTP, or a passkey. A passkey marked suspect (its counter went back) still counts: the account never ends weaker
     * than it was, so its password alone does not sign in.
     */
    @Override
    public Uni<Boolean> hasSecondFactor(UUID firmId, UUID userId) {
        return isEnabled(firmId, userId).chain(totp -> totp ? Uni.createFrom().item(true)
                : passkeys.countOf(firmId, userId).map(count -> count > 0));
    }

    @Override
    public Uni<Boolean> requiredByPolicy(UUID firmId, UUID userId) {
        return policies.findById(firmId).chain(policy -> policy == null || !policy.required()
                ? Uni.createFrom().item(false)
                : policy.groupIds().isEmpty() ? Uni.createFrom().item(true)
                : permissions.groupsOf(firmId, userId).map(policy::covers));
    }

    @Override
    public Uni<Boolean> verify(UUID firmId, UUID userId, String code) {
        return checkEither(firmId, userId, code, CONTEXT_PASSWORD).map(SecondFactorCheck::accepted);
    }

    @Override
    public Uni<SecondFactorCheck> check(UUID firmId, UUID userId, String code, String recoveryCode) {
        return code != null
                ? checkTotp(firmId, userId, code, CONTEXT_SIGN_IN)
                : checkRecoveryCode(firmId, userId, recoveryCode);
    }

    /** Six digits are a TOTP code; anything else is tried as a recovery code (their alphabet has no 0 or 1). */
    private Uni<SecondFactorCheck> checkEither(UUID firmId, UUID userId, String code, String context) {
        if (code == null) {
            return Uni.createFrom().item(SecondFactorCheck.rejected());
        }
        String stripped = code.strip();
        return factorsOf.looksLikeTotp(stripped)
                ? checkTotp(firmId, userId, stripped, context)
                : checkRecoveryCode(firmId, userId, stripped);
    }

    private Uni<SecondFactorCheck> checkTotp(UUID firmId, UUID userId, String code, String context) {
        return factorsOf.checkTotp(firmId, userId, code).chain(check -> check.result() == SecondFactorCheck.Result.REPLAYED
                ? replayed(firmId, userId, context)
                : Uni.createFrom().item(check));
    }

    private Uni<SecondFactorCheck> replayed(UUID firmId, UUID userId, String context) {
        Log.warnf("replayed TOTP code rejected for user %s (%s)", userId, context);
        return outbox.append(IdentityEvents.byUser(IdentityEvents.TWO_FACTOR_REPLAY_REJECTED, userId, firmId, userId,
                        new TwoFactorEvents.ReplayRejected(userId, context)))
                .map(ignored -> SecondFactorCheck.replayed());
    }

    /** Recovery codes back up whichever second factor the user has: TOTP, or passkeys only. */
    private Uni<SecondFactorCheck> checkRecoveryCode(UUID firmId, UUID userId, String input) {
        return hasSecondFactor(firmId, userId).chain(any -> any
                ? factorsOf.spendRecoveryCode(firmId, userId, input)
                : Uni.createFrom().item(SecondFactorCheck.rejected())).call(check -> check.accepted()
                ? outbox.append(IdentityEvents.byUser(IdentityEvents.RECOVERY_CODE_USED, userId, firmId, userId,
                        new TwoFactorEvents.RecoveryUsed(userId, check.recoveryCodesRemaining())))
                : Uni.createFrom().voidItem());
    }

    // ---- self-service

    public record Status(boolean enabled, boolean pending, Instant enabledAt, int recoveryCodesRemaining) {
    }

    public Uni<Status> status(UUID firmId, UUID userId) {
        return Panache.withSession(() -> factors.findInFirm(firmId, userId).chain(factor -> hasSecondFactor(firmId, userId)
                .chain(any -> factorsOf.unusedRecoveryCodes(firmId, userId).map(unused -> factor == null
                        ? new Status(false, false, null, any ? unused.intValue() : 0)
                        : new Status(factor.isEnabled(), factor.isPending(), factor.enabledAt(),
                                any ? unused.intValue() : 0)))));
    }

    public record Enrolment(String secret, String otpauthUri, byte[] qrPng, String qrSvg, Instant pendingSince) {

        @Override
        public String toString() {
            return "Enrolment[pendingSince=" + pendingSince + "]";
        }
    }

    /**
     * Starts (or restarts) an enrolment with a new secret, pending until confirmed. A user whose factor is active
     * must prove it again (password and a code); the active factor stays in force until the new one is confirmed.
     */
    public Uni<Enrolment> enrol(UUID firmId, UUID userId, UUID sessionId, String password, String code,
            ClientInfo client) {
        return openSessionUser(firmId, userId, sessionId)
                .chain(user -> isEnabledInSession(firmId, userId).chain(enabled -> enabled
                        ? reauthenticate(user, password, code, client)
                        : Uni.createFrom().item(user)))
                .chain(user -> Panache.withTransaction(() -> startEnrolment(user)));
    }

    private Uni<Enrolment> startEnrolment(User user) {
        return firms.findById(user.firmId())
                .chain(firm -> factorsOf.startEnrolment(user.firmId(), user.id(), firm.name(), user.email()));
    }

    public record Confirmation(List<String> recoveryCodes, Instant enabledAt) {

        @Override
        public String toString() {
            return "Confirmation[enabledAt=" + enabledAt + "]";
        }
    }

    /** Activates the pending secret if {@code code} is right for it; returns the new recovery codes, once. */
    public Uni<Confirmation> confirm(UUID firmId, UUID userId, UUID sessionId, String code) {
        return openSessionUser(firmId, userId, sessionId)
                .chain(user -> Panache.withTransaction(() -> confirmFactor(firmId, userId, code)));
    }

    private Uni<Confirmation> confirmFactor(UUID firmId, UUID userId, String code) {
        return factorsOf.confirm(firmId, userId, code)
                .call(confirmed -> outbox.append(IdentityEvents.byUser(IdentityEvents.TWO_FACTOR_ENABLED, userId,
                        firmId, userId, new TwoFactorEvents.Enabled(userId, "totp", confirmed.replaced()))))
                .map(confirmed -> new Confirmation(confirmed.recoveryCodes(), confirmed.enabledAt()));
    }

    /**
     * Recovery codes for a user who just registered a passkey and has no unused ones (a passkey-only user): a new set,
     * shown once, as a TOTP enrolment gives; null if they have some. Inside the caller's transaction.
     */
    public Uni<List<String>> recoveryCodesIfNone(UUID firmId, UUID userId) {
        return factorsOf.unusedRecoveryCodes(firmId, userId).chain(unused -> unused > 0
                ? Uni.createFrom().<List<String>>nullItem()
                : factorsOf.newRecoveryCodes(firmId, userId, now())
                        .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.RECOVERY_CODES_REGENERATED,
                                userId, firmId, userId, new TwoFactorEvents.RecoveryRegenerated(userId)))));
    }

    // ---- the firm's policy, and enrolment with the enrolment-only token it leads to

    @Override
    public Uni<Boolean> enrolmentOverdue(UUID firmId, UUID userId, Instant userCreatedAt) {
        return policies.findById(firmId).chain(policy -> policy == null || !policy.overdue(userCreatedAt, now())
                ? Uni.createFrom().item(false)
                : policy.groupIds().isEmpty() ? Uni.createFrom().item(true)
                : permissions.groupsOf(firmId, userId).map(policy::covers));
    }

    public Uni<TwoFactorPolicy> policy(UUID firmId) {
        return Panache.withSession(() -> policies.findById(firmId));
    }

    public Uni<TwoFactorPolicy> setPolicy(UUID firmId, UUID adminId, boolean required, int graceDays,
            List<UUID> groupIds) {
        List<UUID> groups = groupIds == null ? List.of() : groupIds.stream().distinct().toList();
        return Panache.withTransaction(() -> policies.findById(firmId).chain(existing -> {
            // a firm without a policy required nothing (as GET answers it): that is what the change replaced
            TwoFactorEvents.PolicyChanged before = existing == null ? new TwoFactorEvents.PolicyChanged(false, 0, List.of())
                    : new TwoFactorEvents.PolicyChanged(existing.required(), existing.graceDays(), existing.groupIds());
            TwoFactorPolicy policy = existing != null ? existing : new TwoFactorPolicy(firmId);
            policy.set(required, graceDays, groups, now());
            return (existing != null ? Uni.createFrom().item(policy) : policies.persist(policy))
                    .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.TWO_FACTOR_POLICY_CHANGED, firmId,
                            firmId, adminId, new Change(before, new TwoFactorEvents.PolicyChanged(required, graceDays, groups)))));
        }));
    }

    /** The two-factor state of a page of the firm's users, in email order. */
    public Uni<List<UserTwoFactorStatus>> statusPage(UUID firmId, String afterEmail, int rows) {
        Instant now = now();
        return Panache.withSession(() -> users.page(firmId, afterEmail, rows).chain(page -> page.isEmpty()
                ? Uni.createFrom().item(List.<UserTwoFactorStatus>of())
                : policies.findById(firmId)
                .chain(policy -> (policy == null || policy.groupIds().isEmpty()
                                ? Uni.createFrom().<Set<UUID>>nullItem()
                                : permissions.membersAmong(firmId, page.stream().map(User::id).toList(), policy.groupIds()))
                        .chain(covered -> factors.list("firmId = ?1 and userId in ?2", firmId,
                                page.stream().map(User::id).toList())
                        .chain(found -> passkeys.ofUsers(firmId, page.stream().map(User::id).toList()).map(keys -> {
                            Map<UUID, TwoFactor> byUser = new HashMap<>();
                            found.forEach(factor -> byUser.put(factor.userId(), factor));
                            // oldest first: the first passkey of a user is when passkeys came into use
                            Map<UUID, Instant> firstPasskey = new HashMap<>();
                            keys.forEach(key -> firstPasskey.putIfAbsent(key.userId(), key.createdAt()));
                            return page.stream().map(user -> {
                                TwoFactor factor = byUser.get(user.id());
                                boolean totp = factor != null && factor.isEnabled();
                                Instant passkeySince = firstPasskey.get(user.id());
                                List<String> methods = new ArrayList<>();
                                if (totp) {
                                    methods.add("totp");
                                }
                                if (passkeySince != null) {
                                    methods.add("passkey");
                                }
                                String state = !methods.isEmpty() ? "enabled"
                                        : factor != null && factor.isPending() ? "pending"
                                        : policy != null && policy.overdue(user.createdAt(), now)
                                                && (covered == null || covered.contains(user.id())) ? "overdue"
                                        : "not_enrolled";
                                Instant enabledAt = totp && (passkeySince == null || factor.enabledAt().isBefore(passkeySince))
                                        ? factor.enabledAt() : passkeySince;
                                return new UserTwoFactorStatus(user.id(), user.email(), user.displayName(), state,
                                        enabledAt != null ? enabledAt : factor == null ? null : factor.enabledAt(),
                                        methods);
                            }).toList();
                        }))))));
    }

    /** Enrolment with the token of {@code two_factor_enrollment_required} (the token stays valid for the confirmation). */
    public Uni<Enrolment> enrolWithToken(String token) {
        return Panache.withTransaction(() -> openEnrolment(token).chain(challenge -> users.findById(challenge.userId()))
                .chain(this::startEnrolment));
    }

    public record TokenConfirmation(Confirmation confirmation, SessionTokens tokens) {
    }

    /** Confirms the enrolment of the token's user, uses the token up and starts a session (amr pwd or sso, + otp). */
    public Uni<TokenConfirmation> confirmWithToken(String token, String code, ClientInfo client) {
        return Panache.withTransaction(() -> openEnrolment(token).chain(challenge -> users.findById(challenge.userId())
                .chain(user -> confirmFactor(user.firmId(), user.id(), code).chain(confirmation -> {
                    challenge.use(now());
                    user.twoFactorReenrolled(now());
                    return throttle.clearAccount(user.email())
                            .chain(() -> sessions.start(user, List.of(challenge.firstFactor(), "otp"), client))
                            .map(tokens -> new TokenConfirmation(confirmation, tokens));
                }))));
    }

    private Uni<SignInChallenge> openEnrolment(String token) {
        Instant now = now();
        return challenges.lockByTokenHash(OpaqueTokens.hash(token), SignInChallenge.ENROLMENT)
                .chain(challenge -> challenge == null || !challenge.isOpen(now)
                        ? Uni.createFrom().failure(AuthenticationProblem.invalidChallenge())
                        : users.findById(challenge.userId()).chain(user -> user == null || user.status() != UserStatus.ACTIVE
                                ? Uni.createFrom().failure(AuthenticationProblem.invalidChallenge())
                                : Uni.createFrom().item(challenge)));
    }

    /**
     * Turns the factor off (password and a code). As the last passkey, the last second factor stays while the firm's
     * policy requires one of the user; recovery codes go with it unless a passkey remains.
     */
    public Uni<Void> disable(UUID firmId, UUID userId, UUID sessionId, String password, String code,
            ClientInfo client) {
        return openSessionUser(firmId, userId, sessionId)
                .chain(user -> requireEnabled(firmId, userId).chain(() -> lastFactorMayGo(firmId, userId))
                        .chain(() -> reauthenticate(user, password, code, client)))
                .chain(user -> Panache.withTransaction(() -> passkeys.lockAllOf(firmId, userId)
                        .chain(left -> factorsOf.remove(firmId, userId, left.isEmpty()))
                        .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.TWO_FACTOR_DISABLED, userId,
                                firmId, userId, new TwoFactorEvents.Disabled(userId, "user"))))))
                .replaceWithVoid();
    }

    /** Without a passkey, TOTP is the last second factor: 409 while the firm's policy requires one of the user. */
    private Uni<Void> lastFactorMayGo(UUID firmId, UUID userId) {
        return Panache.withSession(() -> passkeys.countOf(firmId, userId).chain(count -> count > 0
                ? Uni.createFrom().item(false)
                : requiredByPolicy(firmId, userId))).chain(required -> required
                ? Uni.createFrom().failure(new ConflictProblem("second-factor-required-by-policy",
                        "The firm requires two-factor authentication of you: add a passkey before turning the "
                                + "authenticator app off"))
                : Uni.createFrom().voidItem());
    }

    /**
     * A new set of recovery codes (password and a code; a passkey-only user may prove the second factor by a fresh
     * step-up instead of a code); the previous set stops working.
     */
    public Uni<List<String>> regenerateRecoveryCodes(UUID firmId, UUID userId, UUID sessionId, String password,
            String code, ClientInfo client, Runnable freshSecondFactor) {
        return openSessionUser(firmId, userId, sessionId)
                .chain(user -> isEnabledInSession(firmId, userId).chain(totp -> totp
                        ? reauthenticate(user, password, code, client)
                        : Panache.withSession(() -> passkeys.countOf(firmId, userId)).chain(count -> count == 0
                                ? Uni.createFrom().failure(new ConflictProblem("two-factor-not-enabled",
                                        "Two-factor authentication is not on for this user"))
                                : code == null || code.isBlank()
                                        ? reauthenticateWithStepUp(user, password, client, freshSecondFactor)
                                        : reauthenticate(user, password, code, client))))
                .chain(user -> Panache.withTransaction(() -> factors.lockInFirm(firmId, userId)
                        .chain(factor -> factorsOf.newRecoveryCodes(firmId, userId, now()))
                        .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.RECOVERY_CODES_REGENERATED,
                                userId, firmId, userId, new TwoFactorEvents.RecoveryRegenerated(userId))))));
    }

    /**
     * An administrator turns another user's two-factor authentication off (the user must enrol again): TOTP, every
     * passkey (each a {@code passkey.removed} by the administrator) and the recovery codes. The administrator must have
     * a second factor; the firm's owner can be reset only by the owner.
     */
    public Uni<Void> resetByAdministrator(UUID firmId, UUID adminId, UUID sessionId, UUID targetId) {
        return openSessionUser(firmId, adminId, sessionId).chain(admin -> Panache.withTransaction(() -> hasSecondFactor(
                firmId, adminId).chain(adminHasIt -> {
                    if (!adminHasIt) {
                        return Uni.createFrom().failure(new ForbiddenProblem("two-factor-required",
                                "Turn on two-factor authentication for yourself before resetting another user's"));
                    }
                    return users.findInFirm(firmId, targetId);
                }).chain(target -> {
                    if (target == null) {
                        return Uni.createFrom().failure(new NotFoundProblem());
                    }
                    if (target.isOwner() && !admin.isOwner()) {
                        return Uni.createFrom().failure(new ForbiddenProblem("owner-protected",
                                "Only the owner can reset the owner's two-factor authentication"));
                    }
                    return factorsOf.remove(firmId, targetId).chain(totp -> passkeyReset
                            .removeAll(firmId, targetId, adminId, true)
                            .call(() -> factorsOf.removeRecoveryCodes(firmId, targetId))
                            .map(removedPasskeys -> totp || removedPasskeys > 0));
                }).chain(removed -> {
                    if (!removed) {
                        return Uni.createFrom().failure(new ConflictProblem("two-factor-not-enabled",
                                "Two-factor authentication is not on for this user"));
                    }
                    return outbox.append(IdentityEvents.byUser(IdentityEvents.TWO_FACTOR_DISABLED, targetId,
                            firmId, adminId, new TwoFactorEvents.Disabled(targetId, "administrator")));
                }))).replaceWithVoid();
    }

    private Uni<User> openSessionUser(UUID firmId, UUID userId, UUID sessionId) {
        return Panache.withSession(() -> sessions.isOpen(firmId, userId, sessionId).chain(open -> {
            if (!open) {
                return Uni.createFrom().failure(AuthenticationProblem.sessionEnded());
            }
            return users.findInFirm(firmId, userId);
        }));
    }

    private Uni<Boolean> isEnabledInSession(UUID firmId, UUID userId) {
        return Panache.withSession(() -> isEnabled(firmId, userId));
    }

    private Uni<Void> requireEnabled(UUID firmId, UUID userId) {
        return isEnabledInSession(firmId, userId).chain(enabled -> enabled
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ConflictProblem("two-factor-not-enabled",
                        "Two-factor authentication is not on for this user")));
    }

    /** The password and a second factor again, throttled like sign-in; a wrong one counts as a failure. */
    private Uni<User> reauthenticate(User user, String password, String code, ClientInfo client) {
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
        Instant now = now();
        return Panache.withSession(() -> throttle.check(user.email(), client.ip(), now)).chain(verdict -> {
            if (verdict != null) {
                return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                        "Too many wrong passwords; retry later"));
            }
            String normalised = PasswordPolicy.normalise(password);
            return hasher.verify(normalised == null ? "" : normalised, user.passwordHash());
        }).chain(ok -> !ok
                ? wrongCredentials(user, client, now)
                : Panache.withTransaction(() -> checkEither(user.firmId(), user.id(), code, CONTEXT_SETTINGS))
                        .chain(check -> check.accepted() ? Uni.createFrom().item(user)
                                : wrongCredentials(user, client, now)));
    }

    /** A passkey-only user: the password, and a second factor proven by a step-up in the last minutes. */
    private Uni<User> reauthenticateWithStepUp(User user, String password, ClientInfo client,
            Runnable freshSecondFactor) {
        if (password == null) {
            return Uni.createFrom().failure(new BadRequestProblem("second-factor-required",
                    "The password and a fresh second factor (a passkey step-up, or a recovery code) are required",
                    List.of(new FieldError("password", "is required"))));
        }
        freshSecondFactor.run();
        Instant now = now();
        return Panache.withSession(() -> throttle.check(user.email(), client.ip(), now)).chain(verdict -> {
            if (verdict != null) {
                return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                        "Too many wrong passwords; retry later"));
            }
            String normalised = PasswordPolicy.normalise(password);
            return hasher.verify(normalised == null ? "" : normalised, user.passwordHash());
        }).chain(ok -> ok ? Uni.createFrom().item(user) : wrongCredentials(user, client, now));
    }

    private Uni<User> wrongCredentials(User user, ClientInfo client, Instant now) {
        return Panache.withTransaction(() -> throttle.recordFailure(user.email(), client.ip(), now))
                .chain(() -> Uni.createFrom().failure(new ForbiddenProblem("wrong-password",
                        "The password or the code is not correct")));
    }

    static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
