package dev.lexguard.identity.signin;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.approvals.ApprovalSuspensions;
import dev.lexguard.identity.passkeys.PasskeyAssertions;
import dev.lexguard.identity.passkeys.PasskeyChallenge;
import dev.lexguard.identity.passkeys.RequestOptionsResponse;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionEvents;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserInput;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.identity.users.UserStatus;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.identity.twofactor.RecoveryCodes;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Password sign-in. Every attempt that reaches the password check costs exactly one Argon2 run (a dummy
 * hash on misses), and unknown email, wrong password, deactivated and not-yet-activated users all get the
 * same 401, so neither the answer nor its timing tells whether an account exists.
 */
@ApplicationScoped
public class LoginService {

    public static final String CHALLENGE_PREFIX = "lgc_";
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    public static final String ENROLMENT_PREFIX = "lge_";
    static final Duration ENROLMENT_LIFETIME = Duration.ofMinutes(15);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final SessionService sessions;
    private final OutboxWriter outbox;
    private final SecondFactorVerifier secondFactor;
    private final SignInChallengeRepository challenges;
    private final PasskeyAssertions passkeys;
    private final ApprovalSuspensions approvalSuspensions;

    public LoginService(UserRepository users, PasswordHasher hasher, SignInThrottle throttle, SessionService sessions,
            OutboxWriter outbox, SecondFactorVerifier secondFactor, SignInChallengeRepository challenges,
            PasskeyAssertions passkeys, ApprovalSuspensions approvalSuspensions) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.sessions = sessions;
        this.outbox = outbox;
        this.secondFactor = secondFactor;
        this.challenges = challenges;
        this.passkeys = passkeys;
        this.approvalSuspensions = approvalSuspensions;
    }

    record Attempt(User user, SignInThrottle.Verdict verdict) {
    }

    public Uni<LoginResponse> login(LoginRequest request, ClientInfo client) {
        String email = UserInput.email("email", request.email());
        String password = PasswordPolicy.normalise(request.password());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withSession(() -> throttle.check(email, client.ip(), now)
                        .chain(verdict -> users.findByEmail(email).map(user -> new Attempt(user, verdict))))
                .chain(attempt -> {
                    if (attempt.verdict() != null) {
                        return fail(email, attempt.user(), attempt.verdict().reason(), client, now, false,
                                new TooManyRequestsProblem(attempt.verdict().retryAfter(),
                                        "Too many failed sign-ins; retry later"));
                    }
                    User user = attempt.user();
                    String stored = user == null ? null : user.passwordHash();
                    return Panache.withTransaction(() -> throttle.reserveAccountAttempt(email, now)).chain(reserved -> {
                        if (!reserved) {
                            return fail(email, user, "account_locked", client, now, false,
                                    new TooManyRequestsProblem(ThrottleRule.HARD_LOCK, "Too many failed sign-ins; retry later"));
                        }
                        return verify(email, password, user, stored, client, now);
                    });
                });
    }

    private Uni<LoginResponse> verify(String email, String password, User user, String stored, ClientInfo client,
            Instant now) {
        return hasher.verify(password == null ? "" : password, stored).chain(matches -> {
            if (!matches || password == null) {
                return fail(email, user, user == null ? "unknown_account" : "wrong_password", client, now,
                        true, AuthenticationProblem.invalidCredentials());
            }
            if (user.status() != UserStatus.ACTIVE) {
                return fail(email, user, user.status() == UserStatus.DEACTIVATED ? "user_deactivated"
                        : "user_not_activated", client, now, true, AuthenticationProblem.invalidCredentials());
            }
            if (user.passwordResetRequired()) {
                // only someone who knew the password learns this; the user was told to reset it ("not me")
                return fail(email, user, "password_reset_required", client, now, false,
                        AuthenticationProblem.passwordResetRequired());
            }
            return succeed(user, password, client);
        });
    }

    private Uni<LoginResponse> succeed(User user, String password, ClientInfo client) {
        Uni<String> rehash = hasher.needsRehash(user.passwordHash())
                ? hasher.hash(password)
                : Uni.createFrom().nullItem();
        return rehash.chain(newHash -> Panache.withTransaction(() -> users.findById(user.id())
                .invoke(current -> {
                    if (newHash != null) {
                        current.changePassword(newHash, Instant.now().truncatedTo(ChronoUnit.MICROS));
                    }
                })
                .chain(current -> secondFactor.hasSecondFactor(current.firmId(), current.id()).chain(twoFactor -> twoFactor
                        // the password alone never yields tokens for a user with a second factor
                        ? challenge(current, client, "pwd")
                        : secondFactor.enrolmentOverdue(current.firmId(), current.id(), current.createdAt())
                                .chain(overdue -> overdue
                                        // the firm requires a second factor: the password only buys an enrolment
                                        ? enrolmentToken(current, client, "pwd")
                                        : throttle.clearAccount(current.email())
                                                .chain(() -> sessions.start(current, List.of("pwd"), client))
                                                .map(LoginResponse::authenticated))))));
    }

    private Uni<LoginResponse> enrolmentToken(User user, ClientInfo client, String firstFactor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String token = OpaqueTokens.mint(ENROLMENT_PREFIX);
        SignInChallenge enrolment = SignInChallenge.afterFirstFactor(user.firmId(), user.id(), OpaqueTokens.hash(token),
                client, now, now.plus(ENROLMENT_LIFETIME), firstFactor, SignInChallenge.ENROLMENT);
        return challenges.persist(enrolment)
                .map(ignored -> LoginResponse.enrollmentRequired(token, enrolment.expiresAt()));
    }

    /**
     * Ends a sign-in whose first factor was proved elsewhere (the firm's Keycloak, amr {@code sso}) exactly as after
     * a password: the TOTP challenge for a user with a second factor (whatever the other side says it checked), the
     * enrolment step when the firm's policy requires one, else tokens. Inside the caller's transaction.
     */
    public Uni<LoginResponse> afterExternalFirstFactor(User user, String firstFactor, ClientInfo client) {
        return secondFactor.hasSecondFactor(user.firmId(), user.id()).chain(twoFactor -> twoFactor
                ? challenge(user, client, firstFactor)
                : secondFactor.enrolmentOverdue(user.firmId(), user.id(), user.createdAt()).chain(overdue -> overdue
                        ? enrolmentToken(user, client, firstFactor)
                        : sessions.start(user, List.of(firstFactor), client).map(LoginResponse::authenticated)));
    }

    /**
     * A sign-on where the identity provider checked a second factor the firm's owner trusts: complete, with amr
     * {@code [firstFactor, mfa]} and the provider's {@code secondFactorAt} as the session's auth_time. A user who
     * must re-enrol LexGuard's factor ("this wasn't me") goes the first-factor way: LexGuard's own factor, then a new
     * secret.
     */
    public Uni<LoginResponse> afterExternalSecondFactor(User user, String firstFactor, Instant secondFactorAt,
            ClientInfo client) {
        if (user.twoFactorReenrolmentRequired()) {
            return afterExternalFirstFactor(user, firstFactor, client);
        }
        return sessions.start(user, List.of(firstFactor, "mfa"), client, null, secondFactorAt)
                .map(LoginResponse::authenticated);
    }

    private Uni<LoginResponse> challenge(User user, ClientInfo client, String firstFactor) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String token = OpaqueTokens.mint(CHALLENGE_PREFIX);
        SignInChallenge challenge = SignInChallenge.afterFirstFactor(user.firmId(), user.id(), OpaqueTokens.hash(token),
                client, now, now.plus(CHALLENGE_LIFETIME), firstFactor, SignInChallenge.SECOND_FACTOR);
        return challenges.persist(challenge)
                .map(ignored -> LoginResponse.twoFactorRequired(token, challenge.expiresAt()));
    }

    /** The result of the second sign-in step, decided inside its transaction and answered after it commits. */
    private record SecondStep(LoginResponse response, RuntimeException problem) {
    }

    /**
     * The second sign-in step. The challenge row is locked, so concurrent attempts on one challenge are counted
     * one by one; the fifth wrong code burns it. Success ends the account's failure run, because the password
     * that opened the challenge was right.
     */
    public Uni<LoginResponse> completeTwoFactor(TwoFactorLoginRequest request, ClientInfo client) {
        boolean hasCode = request.code() != null && !request.code().isBlank();
        boolean hasRecovery = request.recoveryCode() != null && !request.recoveryCode().isBlank();
        if (hasCode == hasRecovery) {
            throw new BadRequestProblem("second-factor-required", "Give either a code or a recovery code",
                    List.of(new FieldError("code", "give exactly one of code and recoveryCode")));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = OpaqueTokens.hash(request.challengeToken());
        return Panache.withTransaction(() -> challenges.lockByTokenHash(hash, SignInChallenge.SECOND_FACTOR).chain(challenge -> {
            if (challenge == null || !challenge.isOpen(now)) {
                SecondStep gone = new SecondStep(null, AuthenticationProblem.invalidChallenge());
                return challenge == null || !challenge.isBurnt()
                        ? Uni.createFrom().item(gone)
                        : secondFactorFailed(challenge, "challenge_burned", client).replaceWith(gone);
            }
            return users.findById(challenge.userId()).chain(user -> {
                if (user == null || user.status() != UserStatus.ACTIVE) {
                    challenge.use(now);
                    return Uni.createFrom().item(new SecondStep(null, AuthenticationProblem.invalidChallenge()));
                }
                return secondFactor.check(challenge.firmId(), user.id(), hasCode ? request.code() : null,
                        hasRecovery ? request.recoveryCode() : null).chain(check -> {
                            if (!check.accepted()) {
                                challenge.failedAttempt();
                                String reason = check.result() == SecondFactorCheck.Result.REPLAYED ? "replayed_code"
                                        : hasCode ? "wrong_code" : "wrong_recovery_code";
                                SecondStep wrong = new SecondStep(null, AuthenticationProblem.invalidSecondFactor());
                                return secondFactorFailed(challenge, reason, client)
                                        .chain(() -> challenge.isBurnt()
                                                ? secondFactorFailed(challenge, "challenge_burned", client)
                                                : Uni.createFrom().voidItem())
                                        .replaceWith(wrong);
                            }
                            Integer remaining = check.result() == SecondFactorCheck.Result.RECOVERY_CODE
                                    && RecoveryCodes.isRunningLow(check.recoveryCodesRemaining())
                                    ? check.recoveryCodesRemaining() : null;
                            return secondFactorAccepted(challenge, user, check.amr(), remaining, client, now);
                        });
            });
        })).map(LoginService::answer);
    }

    /** The second step succeeded: tokens, or (after "not me") an enrolment token first. Inside the transaction. */
    private Uni<SecondStep> secondFactorAccepted(SignInChallenge challenge, User user, String amr, Integer remaining,
            ClientInfo client, Instant now) {
        // a factor other than phone approval lifts a suspension of phone approval (push fatigue)
        return approvalSuspensions.lift(user.firmId(), user.id(), amr)
                .chain(() -> secondFactorAccepted(challenge, user, List.of(challenge.firstFactor(), amr), null, remaining,
                        client, now));
    }

    private Uni<SecondStep> secondFactorAccepted(SignInChallenge challenge, User user, List<String> amr,
            SessionEvents.ApprovedBy approvedBy, Integer remaining, ClientInfo client, Instant now) {
        challenge.use(now);
        if (user.twoFactorReenrolmentRequired()) {
            // "not me": the old factor proved it is the user; a new secret before any token
            return throttle.clearAccount(user.email())
                    .chain(() -> enrolmentToken(user, client, challenge.firstFactor()))
                    .map(response -> new SecondStep(response, null));
        }
        return throttle.clearAccount(user.email())
                .chain(() -> approvedBy == null ? sessions.start(user, amr, client)
                        : sessions.startApproved(user, amr, client, approvedBy))
                .map(tokens -> new SecondStep(LoginResponse.authenticated(tokens, remaining), null));
    }

    /**
     * The second step by one-tap approval on a registered device: amr {@code [first factor, swk, mfa]} and the session
     * names the approving device. The caller holds the challenge's row lock and checked that it is open. Inside the
     * caller's transaction.
     */
    public Uni<LoginResponse> approvedOnDevice(SignInChallenge challenge, User user, SessionEvents.ApprovedBy device,
            ClientInfo client) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return secondFactorAccepted(challenge, user, List.of(challenge.firstFactor(), "swk", "mfa"), device, null, client,
                now).map(LoginService::answer);
    }

    private static LoginResponse answer(SecondStep step) {
        if (step.problem() != null) {
            throw step.problem();
        }
        return step.response();
    }

    /**
     * Request options for a passkey as the second step: the challenge token after the password names the user, whose
     * usable passkeys are offered; the WebAuthn challenge is bound to that sign-in challenge.
     */
    public Uni<RequestOptionsResponse> passkeyOptions(String challengeToken) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = OpaqueTokens.hash(challengeToken);
        return Panache.withTransaction(() -> challenges.lockByTokenHash(hash, SignInChallenge.SECOND_FACTOR)
                .chain(challenge -> challenge == null || !challenge.isOpen(now)
                        ? Uni.createFrom().<RequestOptionsResponse>failure(AuthenticationProblem.invalidChallenge())
                        : users.findById(challenge.userId()).chain(user -> user == null || user.status() != UserStatus.ACTIVE
                                ? Uni.createFrom().<RequestOptionsResponse>failure(AuthenticationProblem.invalidChallenge())
                                : passkeys.options(user, PasskeyChallenge.SIGN_IN, challenge.id()))));
    }

    /**
     * The second sign-in step with a passkey (amr {@code hwk}). A refused assertion counts against the challenge like
     * a wrong code, and every refusal (unknown credential, another user's, bad signature, counter regression ...)
     * answers the same 401.
     */
    public Uni<LoginResponse> completeWithPasskey(PasskeyLoginRequest request, ClientInfo client) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = OpaqueTokens.hash(request.challengeToken());
        return Panache.withTransaction(() -> challenges.lockByTokenHash(hash, SignInChallenge.SECOND_FACTOR).chain(challenge -> {
            if (challenge == null || !challenge.isOpen(now)) {
                return Uni.createFrom().item(new SecondStep(null, AuthenticationProblem.invalidChallenge()));
            }
            return users.findById(challenge.userId()).chain(user -> {
                if (user == null || user.status() != UserStatus.ACTIVE) {
                    challenge.use(now);
                    return Uni.createFrom().item(new SecondStep(null, AuthenticationProblem.invalidChallenge()));
                }
                return passkeys.check(user, PasskeyChallenge.SIGN_IN, challenge.id(), request.credential().toString(),
                        null, client).chain(check -> {
                            if (!check.accepted()) {
                                challenge.failedAttempt();
                                SecondStep wrong = new SecondStep(null, AuthenticationProblem.invalidPasskey());
                                return secondFactorFailed(challenge, "wrong_passkey", client)
                                        .chain(() -> challenge.isBurnt()
                                                ? secondFactorFailed(challenge, "challenge_burned", client)
                                                : Uni.createFrom().voidItem())
                                        .replaceWith(wrong);
                            }
                            return secondFactorAccepted(challenge, user, "hwk", null, client, now);
                        });
            });
        })).map(LoginService::answer);
    }

    /** Request options for a passwordless sign-in (no user yet; the firm's setting is checked on the answer). */
    public Uni<RequestOptionsResponse> passwordlessOptions() {
        return Panache.withTransaction(passkeys::passwordlessOptions);
    }

    /**
     * A sign-in with a discoverable passkey alone (amr {@code [hwk, user]}: the passkey, and the user verification it
     * carries), where the user's firm allows it. Every refusal answers the same 401.
     */
    public Uni<LoginResponse> passwordless(PasswordlessLoginRequest request, ClientInfo client) {
        return Panache.withTransaction(() -> passkeys.passwordless(request.credential().toString(), client)
                .chain(result -> !result.accepted()
                        ? Uni.createFrom().item(new SecondStep(null, result.retryAfter() != null
                                ? new TooManyRequestsProblem(result.retryAfter(), "Too many failed sign-ins; retry later")
                                : AuthenticationProblem.invalidPasskey()))
                        : throttle.clearAccount(result.user().email())
                                .chain(() -> approvalSuspensions.lift(result.user().firmId(), result.user().id(), "hwk"))
                                .chain(() -> sessions.start(result.user(), List.of("hwk", "user"), client))
                                .map(tokens -> new SecondStep(LoginResponse.authenticated(tokens), null))))
                .map(LoginService::answer);
    }

    /**
     * Records the failure (the IP counter, when {@code count}; the account's was counted by the reservation) and
     * its event in their own transaction, then answers with {@code problem}.
     */
    private <T> Uni<T> fail(String email, User user, String reason, ClientInfo client, Instant now, boolean count,
            RuntimeException problem) {
        UUID firmId = user == null ? IdentityEvents.NO_FIRM : user.firmId();
        SignInFailed data = new SignInFailed(email, user == null ? null : user.id(), reason, client.ip(),
                client.userAgent());
        EventDraft draft = IdentityEvents.bySystem(IdentityEvents.SIGNIN_FAILED,
                user == null ? email : user.id().toString(), firmId, data);
        return Panache.withTransaction(() -> (count ? throttle.recordIpFailure(client.ip(), now)
                        : Uni.createFrom().voidItem())
                        .chain(() -> outbox.append(draft)))
                .chain(() -> Uni.createFrom().failure(problem));
    }

    /** A failed second step as a {@code signin.failed} event, committed with the challenge's attempt count. */
    private Uni<Void> secondFactorFailed(SignInChallenge challenge, String reason, ClientInfo client) {
        return users.findById(challenge.userId()).chain(user -> outbox.append(IdentityEvents.bySystem(
                IdentityEvents.SIGNIN_FAILED, challenge.userId().toString(), challenge.firmId(),
                new SignInFailed(user.email(), user.id(), reason, client.ip(), client.userAgent()))));
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record SignInFailed(String email, UUID userId, String reason, String clientIp, String userAgent) {
    }

}
