package dev.lexguard.identity.signin;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.passkeys.PasskeyAssertions;
import dev.lexguard.identity.passkeys.PasskeyChallenge;
import dev.lexguard.identity.passkeys.RequestOptionsResponse;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.Session;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Step-up: a signed-in user proves a second factor again for a risky act. The guesses count against the same
 * per-account and per-IP throttle as sign-in (the attempt is reserved before the code is checked, a success ends
 * the run), a TOTP code is accepted once, and only an open session of the caller, not covered by a revocation
 * watermark, can step up.
 */
@ApplicationScoped
public class StepUpService {

    private final SessionService sessions;
    private final UserRepository users;
    private final SecondFactorVerifier secondFactor;
    private final SignInThrottle throttle;
    private final OutboxWriter outbox;
    private final PasskeyAssertions passkeys;

    public StepUpService(SessionService sessions, UserRepository users, SecondFactorVerifier secondFactor,
            SignInThrottle throttle, OutboxWriter outbox, PasskeyAssertions passkeys) {
        this.sessions = sessions;
        this.users = users;
        this.secondFactor = secondFactor;
        this.throttle = throttle;
        this.outbox = outbox;
        this.passkeys = passkeys;
    }

    /** Decided inside the transaction, answered after it commits (a failure's count and event must commit). */
    private record Outcome(StepUpResponse response, RuntimeException problem) {

        static Outcome refused(RuntimeException problem) {
            return new Outcome(null, problem);
        }
    }

    public Uni<StepUpResponse> stepUp(UUID firmId, UUID userId, UUID sessionId, StepUpRequest request, ClientInfo client) {
        boolean hasCode = request.code() != null && !request.code().isBlank();
        boolean hasRecovery = request.recoveryCode() != null && !request.recoveryCode().isBlank();
        boolean hasPasskey = request.passkey() != null && !request.passkey().isNull();
        if ((hasCode ? 1 : 0) + (hasRecovery ? 1 : 0) + (hasPasskey ? 1 : 0) != 1) {
            throw new BadRequestProblem("second-factor-required", "Give either a code, a recovery code or a passkey",
                    List.of(new FieldError("code", "give exactly one of code, recoveryCode and passkey")));
        }
        Proof proof = new Proof(hasCode ? request.code() : null, hasRecovery ? request.recoveryCode() : null,
                hasPasskey ? request.passkey().toString() : null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> sessions.lockOwnOpen(firmId, userId, sessionId).chain(session -> {
            if (session == null) {
                return Uni.createFrom().item(Outcome.refused(AuthenticationProblem.sessionEnded()));
            }
            return sessions.isBelowWatermark(session).chain(revoked -> revoked
                    ? Uni.createFrom().item(Outcome.refused(AuthenticationProblem.sessionEnded()))
                    : users.findInFirm(firmId, userId).chain(user -> user == null || !user.canSignIn()
                            ? Uni.createFrom().item(Outcome.refused(AuthenticationProblem.sessionEnded()))
                            : withFactor(user, session, proof, client, now)));
        })).map(outcome -> {
            if (outcome.problem() != null) {
                throw outcome.problem();
            }
            return outcome.response();
        });
    }

    /** Exactly one of a TOTP code, a recovery code and a passkey assertion (JSON). */
    private record Proof(String code, String recoveryCode, String passkey) {
    }

    private Uni<Outcome> withFactor(User user, Session session, Proof proof, ClientInfo client, Instant now) {
        return secondFactor.hasSecondFactor(user.firmId(), user.id()).chain(enabled -> {
            if (!enabled) {
                return Uni.createFrom().item(Outcome.refused(new ConflictProblem("second-factor-not-enrolled",
                        "Turn on two-factor authentication (POST /api/v1/two-factor/enrolment) before stepping up")));
            }
            return throttle.check(user.email(), client.ip(), now).chain(verdict -> {
                if (verdict != null) {
                    return failed(user, session, verdict.reason(), client,
                            new TooManyRequestsProblem(verdict.retryAfter(), "Too many wrong codes; retry later"));
                }
                return throttle.reserveAccountAttempt(user.email(), now).chain(reserved -> !reserved
                        ? failed(user, session, "account_locked", client,
                                new TooManyRequestsProblem(ThrottleRule.HARD_LOCK, "Too many wrong codes; retry later"))
                        : verify(user, session, proof, client, now));
            });
        });
    }

    private Uni<SecondFactorCheck> check(User user, Session session, Proof proof, ClientInfo client) {
        if (proof.passkey() != null) {
            return passkeys.check(user, PasskeyChallenge.STEP_UP, session.id(), proof.passkey(), session.id(), client)
                    .map(check -> check.accepted() ? SecondFactorCheck.passkey() : SecondFactorCheck.rejected());
        }
        return secondFactor.check(user.firmId(), user.id(), proof.code(), proof.recoveryCode());
    }

    private Uni<Outcome> verify(User user, Session session, Proof proof, ClientInfo client, Instant now) {
        return check(user, session, proof, client).chain(check -> {
            if (!check.accepted()) {
                String reason = check.result() == SecondFactorCheck.Result.REPLAYED ? "replayed_code"
                        : proof.passkey() != null ? "wrong_passkey"
                        : proof.code() != null ? "wrong_code" : "wrong_recovery_code";
                return throttle.recordIpFailure(client.ip(), now).chain(() -> failed(user, session, reason, client,
                        new ForbiddenProblem("invalid-second-factor", proof.passkey() != null
                                ? "The passkey could not be verified" : "The code is not correct")));
            }
            return throttle.clearAccount(user.email())
                    .chain(() -> sessions.stepUp(user, session, check.amr(), now))
                    .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.STEP_UP_SUCCEEDED, user.id(),
                            user.firmId(), user.id(), new StepUpEvents.Succeeded(session.id(), user.id(), check.amr(),
                                    client.ip(), client.userAgent()))))
                    .map(token -> new Outcome(new StepUpResponse(token.value(), "Bearer", token.expiresIn(),
                            session.id(), session.authTime(), session.currentAmr()), null));
        });
    }

    /** Request options for a passkey step-up on the caller's open session; the challenge is bound to the session. */
    public Uni<RequestOptionsResponse> passkeyOptions(UUID firmId, UUID userId, UUID sessionId) {
        return Panache.withTransaction(() -> sessions.findOwnOpen(firmId, userId, sessionId).chain(session -> session == null
                ? Uni.createFrom().<RequestOptionsResponse>failure(AuthenticationProblem.sessionEnded())
                : users.findInFirm(firmId, userId).chain(user -> user == null || !user.canSignIn()
                        ? Uni.createFrom().<RequestOptionsResponse>failure(AuthenticationProblem.sessionEnded())
                        : passkeys.options(user, PasskeyChallenge.STEP_UP, session.id()))));
    }

    private Uni<Outcome> failed(User user, Session session, String reason, ClientInfo client, RuntimeException problem) {
        return outbox.append(IdentityEvents.byUser(IdentityEvents.STEP_UP_FAILED, user.id(), user.firmId(), user.id(),
                        new StepUpEvents.Failed(session.id(), user.id(), reason, client.ip(), client.userAgent())))
                .replaceWith(Outcome.refused(problem));
    }
}
