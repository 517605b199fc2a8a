package dev.lexguard.identity.passkeys;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.passwords.PasswordPolicy;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.signin.SecondFactorVerifier;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.twofactor.TotpFactors;
import dev.lexguard.identity.twofactor.TwoFactorService;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
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
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A firm user's passkeys: registration (creation options, then the browser's response verified with webauthn4j),
 * listing, renaming and removal. A user who already has a second factor registers or removes a passkey only with a
 * fresh one (step-up); removing the last second factor also needs the password, and is refused while the firm's
 * two-factor policy requires one of the user. Assertions (sign-in, step-up) are checked by {@link PasskeyAssertions}.
 */
@ApplicationScoped
public class PasskeyService {

    private final PasskeyRepository passkeys;
    private final PasskeyUserRepository handles;
    private final PasskeyChallengeRepository challenges;
    private final WebAuthn webAuthn;
    private final WebAuthnConfig config;
    private final UserRepository users;
    private final SessionService sessions;
    private final SecondFactorVerifier secondFactor;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final OutboxWriter outbox;
    private final PasskeyPolicyRepository policies;
    private final TwoFactorService twoFactor;
    private final TotpFactors totpFactors;

    public PasskeyService(PasskeyRepository passkeys, PasskeyUserRepository handles,
            PasskeyChallengeRepository challenges, WebAuthn webAuthn, WebAuthnConfig config, UserRepository users,
            SessionService sessions, SecondFactorVerifier secondFactor, PasswordHasher hasher, SignInThrottle throttle,
            OutboxWriter outbox, PasskeyPolicyRepository policies, TwoFactorService twoFactor,
            TotpFactors totpFactors) {
        this.passkeys = passkeys;
        this.handles = handles;
        this.challenges = challenges;
        this.webAuthn = webAuthn;
        this.config = config;
        this.users = users;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.hasher = hasher;
        this.throttle = throttle;
        this.outbox = outbox;
        this.policies = policies;
        this.twoFactor = twoFactor;
        this.totpFactors = totpFactors;
    }

    /** Decided inside the transaction, answered after it commits (a rejection's used challenge and event must commit). */
    private record Outcome<T>(T value, RuntimeException problem) {
    }

    public Uni<CreationOptionsResponse> registrationOptions(UUID firmId, UUID userId, UUID sessionId,
            Runnable freshSecondFactor) {
        return openSessionUser(firmId, userId, sessionId)
                .call(user -> requireStepUpIfEnrolled(user, freshSecondFactor))
                .chain(user -> Panache.withTransaction(() -> handles.handleOf(firmId, userId)
                        .chain(handle -> passkeys.ofUser(firmId, userId).chain(existing -> issue(firmId, userId,
                                PasskeyChallenge.REGISTRATION, null).map(challenge -> new CreationOptionsResponse(
                                        new CreationOptionsResponse.RelyingParty(webAuthn.rpId(), webAuthn.rpName()),
                                        new CreationOptionsResponse.UserEntity(base64Url(handle.userHandle()),
                                                user.email(), user.displayName()),
                                        base64Url(challenge.challenge()),
                                        WebAuthn.ALGORITHMS.stream().map(alg -> new CreationOptionsResponse.Algorithm(
                                                "public-key", alg)).toList(),
                                        webAuthn.timeoutMillis(),
                                        existing.stream().map(CredentialDescriptor::of).toList(),
                                        new CreationOptionsResponse.Selection("preferred", false, "required"),
                                        "none"))))));
    }

    public Uni<PasskeyResponse> register(UUID firmId, UUID userId, UUID sessionId, RegisterPasskeyRequest request,
            Runnable freshSecondFactor, ClientInfo client) {
        String name = request.name().strip();
        return openSessionUser(firmId, userId, sessionId)
                .call(user -> requireStepUpIfEnrolled(user, freshSecondFactor))
                .chain(user -> {
                    Uni<Outcome<PasskeyResponse>> outcome;
                    WebAuthn.Registration registration;
                    try {
                        registration = webAuthn.parseRegistration(request.credential().toString());
                    } catch (PasskeyRejected e) {
                        return Panache.withTransaction(() -> refuse(user, e.reason(), client));
                    }
                    Instant now = now();
                    outcome = Panache.withTransaction(() -> challenges.lockByValue(registration.challenge())
                            .chain(challenge -> {
                                if (challenge == null || !challenge.isOpenFor(firmId, userId,
                                        PasskeyChallenge.REGISTRATION, null, now)) {
                                    if (challenge != null) {
                                        challenge.use(now);
                                    }
                                    return refuse(user, PasskeyRejected.BAD_CHALLENGE, client);
                                }
                                challenge.use(now);
                                WebAuthn.NewCredential credential;
                                try {
                                    credential = webAuthn.verifyRegistration(registration, challenge.challenge());
                                } catch (PasskeyRejected e) {
                                    return refuse(user, e.reason(), client);
                                }
                                return passkeys.credentialExists(credential.credentialId()).chain(exists -> exists
                                        ? Uni.createFrom().item(new Outcome<PasskeyResponse>(null, new ConflictProblem(
                                                "passkey-exists", "This passkey is already registered")))
                                        : store(user, credential, name, client, now));
                            }));
                    return outcome;
                })
                .map(PasskeyService::answer);
    }

    private Uni<Outcome<PasskeyResponse>> refuse(User user, String reason, ClientInfo client) {
        return rejected(user, null, PasskeyChallenge.REGISTRATION, reason, client)
                .replaceWith(new Outcome<>(null, registrationRefused(reason)));
    }

    private Uni<Outcome<PasskeyResponse>> store(User user, WebAuthn.NewCredential credential, String name,
            ClientInfo client, Instant now) {
        Passkey passkey = new Passkey(user.firmId(), user.id(), credential, name, now);
        return passkeys.persist(passkey)
                .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_REGISTERED, user.id(),
                        user.firmId(), user.id(), new PasskeyEvents.Registered(passkey.id(), user.id(), name,
                                passkey.algorithm(), passkey.aaguid(), passkey.transports(), client.ip(),
                                client.userAgent()))))
                // a passkey-only user needs recovery codes as much as a TOTP user: shown once, here
                .chain(saved -> twoFactor.recoveryCodesIfNone(user.firmId(), user.id())
                        .map(codes -> new Outcome<>(PasskeyResponse.of(saved, codes), null)));
    }

    public Uni<List<PasskeyResponse>> list(UUID firmId, UUID userId) {
        return Panache.withSession(() -> passkeys.ofUser(firmId, userId))
                .map(found -> found.stream().map(PasskeyResponse::of).toList());
    }

    public Uni<PasskeyResponse> rename(UUID firmId, UUID userId, UUID id, String name) {
        String stripped = name.strip();
        return Panache.withTransaction(() -> passkeys.lockOwn(firmId, userId, id).chain(passkey -> {
            if (passkey == null) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            passkey.rename(stripped);
            return outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_RENAMED, userId, firmId, userId,
                    new PasskeyEvents.Renamed(passkey.id(), userId, stripped))).map(ignored -> PasskeyResponse.of(passkey));
        }));
    }

    /**
     * Removes a passkey (a fresh second factor first). If it is the user's last second factor (no TOTP, no other usable
     * passkey) the password is needed too, and the firm's two-factor policy must not require a factor of the user.
     */
    public Uni<Void> remove(UUID firmId, UUID userId, UUID sessionId, UUID id, String password,
            Runnable freshSecondFactor, ClientInfo client) {
        freshSecondFactor.run();
        return openSessionUser(firmId, userId, sessionId).chain(user -> Panache.withSession(() -> passkeys
                        .findOwn(firmId, userId, id).chain(passkey -> passkey == null
                                ? Uni.createFrom().<Boolean>failure(new NotFoundProblem())
                                : isLastFactor(firmId, userId, id)))
                .chain(last -> last
                        ? lastFactorMayGo(user, password, client).replaceWith(true)
                        : Uni.createFrom().item(false))
                .chain(passwordChecked -> Panache.withTransaction(() -> delete(user, id, passwordChecked))))
                .map(PasskeyService::answer)
                .replaceWithVoid();
    }

    private Uni<Outcome<Boolean>> delete(User user, UUID id, boolean passwordChecked) {
        UUID firmId = user.firmId();
        UUID userId = user.id();
        // every passkey of the user locked: two removals at once cannot both see "not the last one"
        return passkeys.lockAllOf(firmId, userId).chain(all -> {
            Passkey passkey = all.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (passkey == null) {
                return Uni.createFrom().item(new Outcome<Boolean>(null, new NotFoundProblem()));
            }
            return isLastFactor(firmId, userId, id).chain(last -> {
                if (last && !passwordChecked) {
                    return Uni.createFrom().item(new Outcome<Boolean>(null, passwordRequired()));
                }
                return passkeys.delete(passkey)
                        // recovery codes back up a second factor: they go with the last one (a suspect passkey
                        // left still asks for a second factor at sign-in, so they stay then)
                        .call(() -> last && all.size() == 1 ? totpFactors.removeRecoveryCodes(firmId, userId)
                                : Uni.createFrom().voidItem())
                        .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_REMOVED, userId, firmId,
                                userId, new PasskeyEvents.Removed(passkey.id(), userId, passkey.name(), last, "user"))))
                        .map(ignored -> new Outcome<>(last, null));
            });
        });
    }

    /** No TOTP and no other usable passkey: removing this one leaves the password alone. */
    private Uni<Boolean> isLastFactor(UUID firmId, UUID userId, UUID id) {
        return secondFactor.isEnabled(firmId, userId).chain(totp -> totp ? Uni.createFrom().item(false)
                : passkeys.countUsableOtherThan(firmId, userId, id).map(others -> others == 0));
    }

    private Uni<Void> lastFactorMayGo(User user, String password, ClientInfo client) {
        if (password == null || password.isEmpty()) {
            return Uni.createFrom().failure(passwordRequired());
        }
        return Panache.withSession(() -> secondFactor.requiredByPolicy(user.firmId(), user.id())).chain(required -> {
            if (required) {
                return Uni.createFrom().failure(new ConflictProblem("second-factor-required-by-policy",
                        "The firm requires two-factor authentication of you: add another passkey or an authenticator "
                                + "app before removing the last one"));
            }
            Instant now = now();
            return Panache.withSession(() -> throttle.check(user.email(), client.ip(), now)).chain(verdict -> {
                if (verdict != null) {
                    return Uni.createFrom().failure(new TooManyRequestsProblem(verdict.retryAfter(),
                            "Too many wrong passwords; retry later"));
                }
                String normalised = PasswordPolicy.normalise(password);
                return hasher.verify(normalised == null ? "" : normalised, user.passwordHash());
            }).chain(ok -> ok ? Uni.createFrom().voidItem()
                    : Panache.withTransaction(() -> throttle.recordFailure(user.email(), client.ip(), now))
                            .chain(() -> Uni.createFrom().failure(new ForbiddenProblem("wrong-password",
                                    "The password is not correct"))));
        });
    }

    private static BadRequestProblem passwordRequired() {
        return new BadRequestProblem("password-required",
                "This passkey is your last second factor: give your password to remove it",
                List.of(new FieldError("password", "is required to remove the last second factor")));
    }

    // ---- shared with PasskeyAssertions

    /** A new single-use challenge. Inside the caller's transaction. */
    Uni<PasskeyChallenge> issue(UUID firmId, UUID userId, String purpose, UUID bindingId) {
        Instant now = now();
        PasskeyChallenge challenge = new PasskeyChallenge(firmId, userId, purpose, bindingId, now,
                now.plus(config.challengeLifetime()));
        return challenges.deleteExpiredBefore(now.minus(config.challengeLifetime()))
                .chain(() -> challenges.persist(challenge));
    }

    /** A {@code passkey.rejected} event of a passwordless attempt that named no user of ours. */
    Uni<Void> rejectedAnonymously(String purpose, String reason, ClientInfo client) {
        Log.warnf("passkey %s refused: %s", purpose, reason);
        return outbox.append(IdentityEvents.bySystem(IdentityEvents.PASSKEY_REJECTED, "passkey", IdentityEvents.NO_FIRM,
                new PasskeyEvents.Rejected(null, null, purpose, reason, client.ip(), client.userAgent())))
                .replaceWithVoid();
    }

    public Uni<PasskeyPolicyResponse> policy(UUID firmId) {
        return Panache.withSession(() -> policies.findById(firmId)).map(PasskeyPolicyResponse::of);
    }

    /** Allows or forbids passwordless sign-in for the firm; a change is a {@code passkey.policyChanged} event. */
    public Uni<PasskeyPolicyResponse> setPolicy(UUID firmId, UUID adminId, boolean passwordless) {
        return Panache.withTransaction(() -> policies.findById(firmId).chain(existing -> {
            PasskeyPolicy policy = existing != null ? existing : new PasskeyPolicy(firmId);
            policy.set(passwordless, now());
            return (existing != null ? Uni.createFrom().item(policy) : policies.persist(policy))
                    .call(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_POLICY_CHANGED, firmId,
                            firmId, adminId, new PasskeyEvents.PolicyChanged(passwordless))));
        })).map(PasskeyPolicyResponse::of);
    }

    /** A {@code passkey.rejected} event. Inside the caller's transaction. */
    Uni<Void> rejected(User user, UUID ownPasskeyId, String purpose, String reason, ClientInfo client) {
        Log.warnf("passkey %s refused for user %s: %s", purpose, user.id(), reason);
        return outbox.append(IdentityEvents.byUser(IdentityEvents.PASSKEY_REJECTED, user.id(), user.firmId(), user.id(),
                new PasskeyEvents.Rejected(user.id(), ownPasskeyId, purpose, reason, client.ip(), client.userAgent())))
                .replaceWithVoid();
    }

    private Uni<Void> requireStepUpIfEnrolled(User user, Runnable freshSecondFactor) {
        return Panache.withSession(() -> secondFactor.hasSecondFactor(user.firmId(), user.id())).invoke(enrolled -> {
            if (enrolled) {
                freshSecondFactor.run();
            }
        }).replaceWithVoid();
    }

    private Uni<User> openSessionUser(UUID firmId, UUID userId, UUID sessionId) {
        return Panache.withSession(() -> sessions.isOpen(firmId, userId, sessionId).chain(open -> open
                ? users.findInFirm(firmId, userId)
                : Uni.createFrom().failure(AuthenticationProblem.sessionEnded())));
    }

    private static BusinessRuleProblem registrationRefused(String reason) {
        return new BusinessRuleProblem("passkey-rejected", switch (reason) {
            case PasskeyRejected.WRONG_ORIGIN -> "The passkey was made for another web site (origin)";
            case PasskeyRejected.WRONG_RP_ID -> "The passkey was made for another relying party";
            case PasskeyRejected.UV_MISSING -> "The authenticator did not verify the user (PIN or biometrics)";
            case PasskeyRejected.UP_MISSING -> "The authenticator did not check the user's presence";
            case PasskeyRejected.BAD_CHALLENGE -> "The registration challenge is unknown, used or expired: start again";
            case PasskeyRejected.ALGORITHM_NOT_ALLOWED -> "The passkey's algorithm is not ES256 or RS256";
            default -> "The registration response is not valid";
        });
    }

    private static <T> T answer(Outcome<T> outcome) {
        if (outcome.problem() != null) {
            throw outcome.problem();
        }
        return outcome.value();
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
