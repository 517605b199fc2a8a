package dev.lexguard.identity.passwords;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.EndReason;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.signin.SecondFactorVerifier;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.mail.MailedLink;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.users.IssuedLink;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserInput;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.identity.users.UserStatus;
import dev.lexguard.platform.events.outbox.OutboxWriter;
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
 * Changing and resetting passwords. Both need the second factor when the user has one: a reset link alone
 * never replaces it. Wrong current passwords and codes count against the account's sign-in throttle.
 */
@ApplicationScoped
public class PasswordService {

    public static final String RESET_PREFIX = "lgp_";
    /** More reset requests than this per hour for one account start nothing (no mail flood); the answer is the same. */
    public static final int MAX_RESETS_PER_WINDOW = 3;
    public static final Duration RESET_WINDOW = Duration.ofHours(1);

    private final UserRepository users;
    private final PasswordResetRepository resets;
    private final SessionService sessions;
    private final SecondFactorVerifier secondFactor;
    private final SignInThrottle throttle;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;
    private final IdentityConfig config;

    public PasswordService(UserRepository users, PasswordResetRepository resets, SessionService sessions,
            SecondFactorVerifier secondFactor, SignInThrottle throttle, PasswordPolicy policy, PasswordHasher hasher,
            OutboxWriter outbox, IdentityConfig config) {
        this.users = users;
        this.resets = resets;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.throttle = throttle;
        this.policy = policy;
        this.hasher = hasher;
        this.outbox = outbox;
        this.config = config;
    }

    /** {@code twoFactor}: any second factor; {@code totp}: the authenticator app among them. */
    record Subject(User user, boolean twoFactor, boolean totp) {
    }

    /**
     * Changes the caller's password; returns how many other sessions ended. A user with a second factor proves it too:
     * a code (TOTP or recovery), or, for a passkey-only user, a passkey step-up in the last minutes
     * ({@code freshSecondFactor}).
     */
    public Uni<Integer> change(UUID firmId, UUID userId, UUID sessionId, ChangePasswordRequest request, ClientInfo client,
            Runnable freshSecondFactor) {
        Instant now = now();
        // whoever learnt the old password may be signed in elsewhere: every other session ends unless the user keeps them
        boolean endOthers = !Boolean.FALSE.equals(request.endOtherSessions());
        return Panache.withSession(() -> sessions.isOpen(firmId, userId, sessionId).chain(open -> {
                    if (!open) {
                        return Uni.createFrom().failure(AuthenticationProblem.sessionEnded());
                    }
                    return users.findInFirm(firmId, userId);
                }).chain(user -> throttle.check(user.email(), client.ip(), now).chain(verdict -> {
                    if (verdict != null) {
                        return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                                "Too many wrong passwords; retry later"));
                    }
                    return subject(user);
                })))
                .chain(subject -> {
                    if (subject.twoFactor() && !subject.totp() && (request.code() == null || request.code().isBlank())) {
                        // a passkey-only user proves the second factor by a step-up (403 step-up-required without one)
                        freshSecondFactor.run();
                    }
                    String current = PasswordPolicy.normalise(request.currentPassword());
                    return hasher.verify(current == null ? "" : current, subject.user().passwordHash()).chain(ok -> {
                        if (!ok || current == null) {
                            return failure(subject.user(), client, now);
                        }
                        if (subject.twoFactor() && !subject.totp() && (request.code() == null || request.code().isBlank())) {
                            return Uni.createFrom().item(subject.user());
                        }
                        return checkSecondFactor(subject, request.code(), client, now);
                    });
                })
                .chain(user -> {
                    String password = policy.check("newPassword", request.newPassword(), user.email(), user.displayName());
                    return hasher.hash(password);
                })
                .chain(hash -> Panache.withTransaction(() -> users.findInFirm(firmId, userId).chain(user -> {
                    user.changePassword(hash, now());
                    Uni<Integer> ended = endOthers
                            ? sessions.endAll(firmId, userId, sessionId, EndReason.PASSWORD_CHANGED, userId)
                            : Uni.createFrom().item(0);
                    return ended.call(count -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSWORD_CHANGED,
                            userId, firmId, userId, new PasswordChanged(userId, count))))
                            .call(() -> throttle.clearAccount(user.email()));
                })));
    }

    /**
     * Starts a reset for an active account with this email, announced by {@code password.resetRequested}
     * (no link in it). Answers the same whether or not such an account exists.
     */
    @WithTransaction
    public Uni<Void> requestReset(ResetRequest request) {
        String email = UserInput.email("email", request.email());
        Instant now = now();
        return users.findByEmail(email).chain(user -> {
            if (user == null || user.status() != UserStatus.ACTIVE) {
                return Uni.createFrom().voidItem();
            }
            return resets.countSince(user.id(), now.minus(RESET_WINDOW)).chain(recent -> recent >= MAX_RESETS_PER_WINDOW
                    ? Uni.createFrom().voidItem()
                    : startReset(user, now));
        });
    }

    private Uni<Void> startReset(User user, Instant now) {
        PasswordReset reset = new PasswordReset(user.firmId(), user.id(), now,
                now.plus(config.links().passwordResetLifetime()));
        return resets.persist(reset)
                .chain(() -> resets.retireOthers(user.id(), reset.id(), now))
                .chain(() -> outbox.append(IdentityEvents.bySystem(IdentityEvents.PASSWORD_RESET_REQUESTED,
                        user.id().toString(), user.firmId(),
                        new ResetRequested(reset.id(), user.id(), user.email(), reset.expiresAt()))));
    }

    /** Mints the one-time reset link for the mailer; only once per reset. */
    @WithTransaction
    public Uni<IssuedLink> issueResetLink(UUID resetId) {
        Instant now = now();
        return resets.findById(resetId).chain(reset -> {
            String token = MailedLink.mintToken(reset, RESET_PREFIX, now,
                    "The link for this reset has already been issued; request a new reset");
            return users.findInFirm(reset.firmId(), reset.userId()).map(user ->
                    new IssuedLink(config.links().passwordResetBase() + token, user.email(), reset.expiresAt()));
        });
    }

    /** Sets a new password with a reset token (and the second factor, if the user has one); ends every session. */
    public Uni<Integer> completeReset(CompleteResetRequest request, ClientInfo client) {
        Instant now = now();
        return Panache.withSession(() -> usableReset(request.token(), now)
                        .chain(reset -> users.findInFirm(reset.firmId(), reset.userId()))
                        .chain(user -> {
                            if (user == null || user.status() != UserStatus.ACTIVE) {
                                return Uni.createFrom().failure(invalidResetToken());
                            }
                            return throttle.check(user.email(), client.ip(), now).chain(verdict -> {
                                if (verdict != null) {
                                    return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                                            "Too many failed attempts; retry later"));
                                }
                                return subject(user);
                            });
                        }))
                .chain(subject -> checkSecondFactor(subject, request.code(), client, now))
                .chain(user -> {
                    String password = policy.check("newPassword", request.newPassword(), user.email(), user.displayName());
                    return hasher.hash(password);
                })
                .chain(hash -> Panache.withTransaction(() -> usableReset(request.token(), now()).chain(reset ->
                        users.findInFirm(reset.firmId(), reset.userId()).chain(user -> {
                            Instant at = now();
                            reset.use(at);
                            user.resetPassword(hash, at);
                            return resets.retireOthers(user.id(), reset.id(), at)
                                    .chain(() -> sessions.endAll(user.firmId(), user.id(), null, EndReason.PASSWORD_RESET, user.id()))
                                    .call(count -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSWORD_RESET_COMPLETED,
                                            user.id(), user.firmId(), user.id(), new ResetCompleted(reset.id(), user.id(), count))))
                                    .call(() -> throttle.clearAccount(user.email()));
                        }))));
    }

    private Uni<Subject> subject(User user) {
        return secondFactor.hasSecondFactor(user.firmId(), user.id()).chain(any -> !any
                ? Uni.createFrom().item(new Subject(user, false, false))
                : secondFactor.isEnabled(user.firmId(), user.id()).map(totp -> new Subject(user, true, totp)));
    }

    private Uni<User> checkSecondFactor(Subject subject, String code, ClientInfo client, Instant now) {
        if (!subject.twoFactor()) {
            return Uni.createFrom().item(subject.user());
        }
        if (code == null || code.isBlank()) {
            return Uni.createFrom().failure(new BadRequestProblem("second-factor-required", subject.totp()
                    ? "A code from your authenticator app or a recovery code is required"
                    : "A recovery code is required (your second factor is a passkey)",
                    List.of(new FieldError("code", "is required when two-factor authentication is on"))));
        }
        User user = subject.user();
        return Panache.withTransaction(() -> secondFactor.verify(user.firmId(), user.id(), code.strip()))
                .chain(ok -> ok ? Uni.createFrom().item(user) : failure(user, client, now));
    }

    private Uni<User> failure(User user, ClientInfo client, Instant now) {
        return Panache.withTransaction(() -> throttle.recordFailure(user.email(), client.ip(), now))
                .chain(() -> Uni.createFrom().failure(new ForbiddenProblem("wrong-password",
                        "The current password or the code is not correct")));
    }

    private Uni<PasswordReset> usableReset(String token, Instant now) {
        if (!OpaqueTokens.wellFormed(RESET_PREFIX, token)) {
            return Uni.createFrom().failure(invalidResetToken());
        }
        return resets.findByTokenHash(OpaqueTokens.hash(token)).map(reset -> {
            if (reset == null || !reset.isRedeemable(now)) {
                throw invalidResetToken();
            }
            return reset;
        });
    }

    private static BadRequestProblem invalidResetToken() {
        return ResetLink.invalidToken();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    record PasswordChanged(UUID userId, int otherSessionsEnded) {
    }

    record ResetRequested(UUID resetId, UUID userId, String email, Instant expiresAt) {
    }

    record ResetCompleted(UUID resetId, UUID userId, int sessionsEnded) {
    }
}
