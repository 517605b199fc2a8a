package dev.lexguard.identity.passkeys;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.ConflictProblem;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A passkey as the second factor, after the password ({@code sign_in}, bound to the sign-in challenge) or on a
 * signed-in session ({@code step_up}, bound to the session). Each request options' challenge is answered once;
 * the credential must be the user's own and not suspect; webauthn4j checks challenge, origin, rp id, presence,
 * verification, signature and sign count. A counter that does not grow marks the passkey suspect. Every refusal is a
 * {@code passkey.rejected} event; the caller answers all of them with one problem, so the answer never tells an
 * unknown credential from another user's or a bad signature.
 */
@ApplicationScoped
public class PasskeyAssertions {

    private final PasskeyService service;
    private final PasskeyRepository passkeys;
    private final PasskeyChallengeRepository challenges;
    private final WebAuthn webAuthn;
    private final OutboxWriter outbox;
    private final UserRepository users;
    private final PasskeyUserRepository handles;
    private final PasskeyPolicyRepository policies;
    private final SignInThrottle throttle;

    public PasskeyAssertions(PasskeyService service, PasskeyRepository passkeys, PasskeyChallengeRepository challenges,
            WebAuthn webAuthn, OutboxWriter outbox, UserRepository users, PasskeyUserRepository handles,
            PasskeyPolicyRepository policies, SignInThrottle throttle) {
        this.service = service;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.webAuthn = webAuthn;
        this.outbox = outbox;
        this.users = users;
        this.handles = handles;
        this.policies = policies;
        this.throttle = throttle;
    }

    /** What an assertion proved: the passkey, or the reason it was refused. */
    public record Check(Passkey passkey, String reason) {

        public boolean accepted() {
            return reason == null;
        }
    }

    /**
     * Request options for the user's usable passkeys, the challenge bound to {@code bindingId}. 409 if the user has
     * none. Inside the caller's transaction.
     */
    public Uni<RequestOptionsResponse> options(User user, String purpose, UUID bindingId) {
        return passkeys.ofUser(user.firmId(), user.id()).chain(all -> {
            var usable = all.stream().filter(p -> !p.isSuspect()).map(CredentialDescriptor::of).toList();
            if (usable.isEmpty()) {
                return Uni.createFrom().failure(new ConflictProblem("passkey-not-registered",
                        "There is no passkey to sign in with: use the authenticator app or a recovery code"));
            }
            return service.issue(user.firmId(), user.id(), purpose, bindingId).map(challenge -> new RequestOptionsResponse(
                    PasskeyService.base64Url(challenge.challenge()), webAuthn.timeoutMillis(), webAuthn.rpId(), usable,
                    "required"));
        });
    }

    /**
     * Checks the browser's assertion for the user and {@code purpose} / {@code bindingId}. Inside the caller's
     * transaction: the challenge is used up, and the counter, last use, suspect mark and events commit with it whether
     * the assertion was accepted or not.
     */
    public Uni<Check> check(User user, String purpose, UUID bindingId, String credentialJson, UUID sessionId,
            ClientInfo client) {
        WebAuthn.Assertion assertion;
        try {
            assertion = webAuthn.parseAssertion(credentialJson);
        } catch (PasskeyRejected e) {
            return refuse(user, null, purpose, e.reason(), client);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return challenges.lockByValue(assertion.challenge()).chain(challenge -> {
            if (challenge == null || !challenge.isOpenFor(user.firmId(), user.id(), purpose, bindingId, now)) {
                if (challenge != null) {
                    challenge.use(now);
                }
                return refuse(user, null, purpose, PasskeyRejected.BAD_CHALLENGE, client);
            }
            challenge.use(now);
            return passkeys.lockByCredentialId(assertion.credentialId()).chain(passkey -> {
                if (passkey == null) {
                    return refuse(user, null, purpose, PasskeyRejected.UNKNOWN_CREDENTIAL, client);
                }
                if (!passkey.firmId().equals(user.firmId()) || !passkey.userId().equals(user.id())) {
                    Log.warnf("user %s presented a passkey registered to another user", user.id());
                    return refuse(user, null, purpose, PasskeyRejected.WRONG_USER, client);
                }
                if (passkey.isSuspect()) {
                    return refuse(user, passkey.id(), purpose, PasskeyRejected.SUSPECT_CREDENTIAL, client);
                }
                long counter;
                try {
                    counter = webAuthn.verifyAssertion(assertion, challenge.challenge(), passkey);
                } catch (PasskeyRejected e) {
                    if (PasskeyRejected.COUNTER_REGRESSION.equals(e.reason())) {
                        // a clone of the authenticator may be in use: refused from now on, until its owner removes it
                        passkey.markSuspect(now);
                    }
                    return refuse(user, passkey.id(), purpose, e.reason(), client);
                }
                passkey.used(counter, now);
                return outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_USED, user.id(), user.firmId(),
                                user.id(), new PasskeyEvents.Used(passkey.id(), user.id(), purpose, sessionId, client.ip(),
                                        client.userAgent())))
                        .replaceWith(new Check(passkey, null));
            });
        });
    }

    /** Request options for a passwordless sign-in: no user yet, so no allowCredentials (a discoverable passkey). */
    public Uni<RequestOptionsResponse> passwordlessOptions() {
        return service.issue(null, null, PasskeyChallenge.PASSWORDLESS, null).map(challenge -> new RequestOptionsResponse(
                PasskeyService.base64Url(challenge.challenge()), webAuthn.timeoutMillis(), webAuthn.rpId(), List.of(),
                "required"));
    }

    /**
     * What a passwordless assertion proved: the user (and passkey), or the reason it was refused; {@code retryAfter}
     * when it was not checked because the account or the client IP is throttled.
     */
    public record Passwordless(User user, Passkey passkey, String reason, Duration retryAfter) {

        public boolean accepted() {
            return reason == null;
        }
    }

    /**
     * A sign-in with a discoverable passkey alone. The credential names the user, whose returned user handle must be
     * theirs; the user's firm must allow passwordless sign-in; the user must be able to sign in (active, no password
     * reset or re-enrolment pending). Throttled like password sign-in: while the client IP or (once the credential
     * names it) the account must wait, nothing is checked; every refusal counts as a failed sign-in of the IP, and of
     * the account when the credential named one. Inside the caller's transaction, like {@link #check}.
     */
    public Uni<Passwordless> passwordless(String credentialJson, ClientInfo client) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return throttle.checkIp(client.ip(), now).chain(verdict -> verdict != null
                ? service.rejectedAnonymously(PasskeyChallenge.PASSWORDLESS, PasskeyRejected.THROTTLED, client)
                        .replaceWith(new Passwordless(null, null, PasskeyRejected.THROTTLED, verdict.retryAfter()))
                : passwordless(credentialJson, client, now));
    }

    private Uni<Passwordless> passwordless(String credentialJson, ClientInfo client, Instant now) {
        String purpose = PasskeyChallenge.PASSWORDLESS;
        WebAuthn.Assertion assertion;
        try {
            assertion = webAuthn.parseAssertion(credentialJson);
        } catch (PasskeyRejected e) {
            return anonymous(purpose, e.reason(), client, now);
        }
        return challenges.lockByValue(assertion.challenge()).chain(challenge -> {
            if (challenge == null || !challenge.isOpenFor(null, null, purpose, null, now)) {
                if (challenge != null) {
                    challenge.use(now);
                }
                return anonymous(purpose, PasskeyRejected.BAD_CHALLENGE, client, now);
            }
            challenge.use(now);
            return passkeys.lockByCredentialId(assertion.credentialId()).chain(passkey -> passkey == null
                    ? anonymous(purpose, PasskeyRejected.UNKNOWN_CREDENTIAL, client, now)
                    : users.findInFirm(passkey.firmId(), passkey.userId()).chain(user -> handles.findOf(user.id())
                            .chain(handle -> policies.passwordlessAllowed(user.firmId())
                            .chain(allowed -> throttle.check(user.email(), client.ip(), now).chain(verdict -> {
                                if (verdict != null) {
                                    return service.rejected(user, passkey.id(), purpose, PasskeyRejected.THROTTLED, client)
                                            .replaceWith(new Passwordless(null, null, PasskeyRejected.THROTTLED,
                                                    verdict.retryAfter()));
                                }
                                if (!allowed) {
                                    return refusePasswordless(user, passkey, PasskeyRejected.PASSWORDLESS_NOT_ALLOWED,
                                            client, now);
                                }
                                if (!user.canSignIn() || user.passwordResetRequired()
                                        || user.twoFactorReenrolmentRequired()) {
                                    return refusePasswordless(user, passkey, PasskeyRejected.USER_CANNOT_SIGN_IN, client, now);
                                }
                                if (handle == null || assertion.userHandle() == null
                                        || !MessageDigest.isEqual(handle.userHandle(), assertion.userHandle())) {
                                    return refusePasswordless(user, passkey, PasskeyRejected.WRONG_USER, client, now);
                                }
                                if (passkey.isSuspect()) {
                                    return refusePasswordless(user, passkey, PasskeyRejected.SUSPECT_CREDENTIAL, client, now);
                                }
                                long counter;
                                try {
                                    counter = webAuthn.verifyAssertion(assertion, challenge.challenge(), passkey);
                                } catch (PasskeyRejected e) {
                                    if (PasskeyRejected.COUNTER_REGRESSION.equals(e.reason())) {
                                        passkey.markSuspect(now);
                                    }
                                    return refusePasswordless(user, passkey, e.reason(), client, now);
                                }
                                passkey.used(counter, now);
                                return outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_USED, user.id(),
                                                user.firmId(), user.id(), new PasskeyEvents.Used(passkey.id(), user.id(),
                                                        purpose, null, client.ip(), client.userAgent())))
                                        .replaceWith(new Passwordless(user, passkey, null, null));
                            })))));
        });
    }

    private Uni<Passwordless> anonymous(String purpose, String reason, ClientInfo client, Instant now) {
        return service.rejectedAnonymously(purpose, reason, client)
                .chain(() -> throttle.recordIpFailure(client.ip(), now))
                .replaceWith(new Passwordless(null, null, reason, null));
    }

    private Uni<Passwordless> refusePasswordless(User user, Passkey passkey, String reason, ClientInfo client,
            Instant now) {
        return service.rejected(user, passkey.id(), PasskeyChallenge.PASSWORDLESS, reason, client)
                .chain(() -> throttle.recordFailure(user.email(), client.ip(), now))
                .replaceWith(new Passwordless(null, null, reason, null));
    }

    private Uni<Check> refuse(User user, UUID ownPasskeyId, String purpose, String reason, ClientInfo client) {
        return service.rejected(user, ownPasskeyId, purpose, reason, client).replaceWith(new Check(null, reason));
    }
}
