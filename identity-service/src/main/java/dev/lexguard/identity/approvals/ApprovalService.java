package dev.lexguard.identity.approvals;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.devices.DeviceService;
import dev.lexguard.identity.devices.RegisteredDevice;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.SessionEvents;
import dev.lexguard.identity.signin.LoginResponse;
import dev.lexguard.identity.signin.LoginService;
import dev.lexguard.identity.signin.SignInChallenge;
import dev.lexguard.identity.signin.SignInChallengeRepository;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.identity.users.UserStatus;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One-tap sign-in approval on a registered mobile device. The device proves itself with its device-bound credential
 * and every answer with its approval key; the web page proves itself with the sign-in challenge token of the password
 * step. Refusals that change state (an answer refused, a key not proven) are committed with their event and answered
 * after the commit.
 */
@ApplicationScoped
public class ApprovalService {

    static final Duration REQUEST_LIFETIME = Duration.ofMinutes(2);
    static final Duration KEY_CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    static final int MAX_OPEN_REQUESTS = 3;
    static final int DENIALS_TO_SUSPEND = 3;
    static final Duration DENIAL_WINDOW = Duration.ofHours(1);
    static final int MAX_WAIT_SECONDS = 30;
    private static final long POLL_MILLIS = 500;
    private static final Set<String> DECISIONS = Set.of("approve", "deny");

    private final DeviceService devices;
    private final ApprovalKeyRepository keys;
    private final ApprovalKeyChallengeRepository keyChallenges;
    private final ApprovalRequestRepository requests;
    private final ApprovalSuspensionRepository suspensions;
    private final SignInChallengeRepository signInChallenges;
    private final UserRepository users;
    private final LoginService logins;
    private final OutboxWriter outbox;
    private final Vertx vertx;
    private final SecureRandom random = new SecureRandom();

    public ApprovalService(DeviceService devices, ApprovalKeyRepository keys,
            ApprovalKeyChallengeRepository keyChallenges, ApprovalRequestRepository requests,
            ApprovalSuspensionRepository suspensions, SignInChallengeRepository signInChallenges, UserRepository users,
            LoginService logins, OutboxWriter outbox, Vertx vertx) {
        this.devices = devices;
        this.keys = keys;
        this.keyChallenges = keyChallenges;
        this.requests = requests;
        this.suspensions = suspensions;
        this.signInChallenges = signInChallenges;
        this.users = users;
        this.logins = logins;
        this.outbox = outbox;
        this.vertx = vertx;
    }

    /** A result decided inside a transaction and answered after it commits: a value, or a problem to throw. */
    private record Outcome<T>(T value, RuntimeException problem) {

        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> refused(RuntimeException problem) {
            return new Outcome<>(null, problem);
        }

        T answer() {
            if (problem != null) {
                throw problem;
            }
            return value;
        }
    }

    // ---- the device: its approval key

    /** A new registration challenge for the device (the previous one stops working). */
    public Uni<KeyChallengeResponse> keyChallenge(UUID deviceId, String credential) {
        Instant now = now();
        byte[] challenge = randomBytes(32);
        Instant expiresAt = now.plus(KEY_CHALLENGE_LIFETIME);
        return Panache.withTransaction(() -> devices.authenticate(deviceId, credential)
                .chain(device -> keyChallenges.findById(device.id()).chain(existing -> {
                    if (existing != null) {
                        existing.renew(challenge, expiresAt);
                        return Uni.createFrom().voidItem();
                    }
                    return keyChallenges.persist(new ApprovalKeyChallenge(device.id(), challenge, expiresAt))
                            .replaceWithVoid();
                })))
                .replaceWith(new KeyChallengeResponse(ApprovalSignatures.encode(challenge), expiresAt));
    }

    /**
     * Registers (or replaces) the device's approval key. The key must be P-256 and the signature must be its signature
     * of the registration string over the device's latest challenge, which is used up either way.
     */
    public Uni<ApprovalKeyResponse> registerKey(UUID deviceId, String credential, RegisterKeyRequest request) {
        byte[] publicKey = ApprovalSignatures.decode(request.publicKey());
        if (publicKey == null || ApprovalSignatures.p256Key(publicKey) == null) {
            throw new BadRequestProblem("invalid-field", "The public key must be a P-256 key (SPKI, base64url)",
                    List.of(new FieldError("publicKey", "must be a P-256 SubjectPublicKeyInfo, base64url")));
        }
        byte[] signature = ApprovalSignatures.decode(request.signature());
        if (signature == null) {
            throw new BadRequestProblem("invalid-field", "The signature is missing or not base64url",
                    List.of(new FieldError("signature", "must be a DER ECDSA signature, base64url")));
        }
        Instant now = now();
        return Panache.withTransaction(() -> devices.authenticate(deviceId, credential)
                .chain(device -> keyChallenges.findById(device.id(), LockModeType.PESSIMISTIC_WRITE)
                        .chain(challenge -> {
                            if (challenge == null || !now.isBefore(challenge.expiresAt())) {
                                return Uni.createFrom().item(Outcome.<ApprovalKeyResponse>refused(new ConflictProblem(
                                        "approval-key-challenge-required",
                                        "Ask for a registration challenge (POST .../approval-key/challenge) and sign it")));
                            }
                            byte[] message = ApprovalSignatures.keyRegistration(device.id(), challenge.challenge(),
                                    publicKey);
                            boolean proven = ApprovalSignatures.verifies(publicKey, message, signature);
                            return keyChallenges.delete(challenge).chain(() -> proven
                                    ? saveKey(device, publicKey, now).map(Outcome::of)
                                    : refused(null, device, "key_not_proven").replaceWith(
                                            Outcome.<ApprovalKeyResponse>refused(badSignature())));
                        })))
                .map(Outcome::answer);
    }

    private Uni<ApprovalKeyResponse> saveKey(RegisteredDevice device, byte[] publicKey, Instant now) {
        return keys.findById(device.id()).chain(existing -> {
            Uni<ApprovalKey> saved;
            if (existing != null) {
                existing.replace(publicKey, now);
                saved = Uni.createFrom().item(existing);
            } else {
                saved = keys.persist(new ApprovalKey(device.id(), device.firmId(), device.userId(), publicKey, now));
            }
            boolean replaced = existing != null;
            return saved.call(() -> outbox.append(IdentityEvents.byUser(ApprovalEvents.KEY_REGISTERED, device.id(),
                            device.firmId(), device.userId(),
                            new ApprovalEvents.KeyRegistered(device.id(), device.userId(), replaced))))
                    .map(key -> new ApprovalKeyResponse(device.id(), key.registeredAt(), replaced));
        });
    }

    /** Removes the device's approval key: it can no longer answer, and no request goes to it. */
    public Uni<Void> removeKey(UUID deviceId, String credential) {
        return Panache.withTransaction(() -> devices.authenticate(deviceId, credential)
                .chain(device -> keys.findById(device.id()).chain(key -> {
                    if (key == null) {
                        return Uni.createFrom().failure(new NotFoundProblem("This device has no approval key"));
                    }
                    return keys.delete(key).chain(() -> outbox.append(IdentityEvents.byUser(ApprovalEvents.KEY_REMOVED,
                            device.id(), device.firmId(), device.userId(),
                            new ApprovalEvents.KeyRemoved(device.id(), device.userId()))));
                })));
    }

    // ---- the device: pending requests and answers

    /**
     * The device's pending requests; with {@code waitSeconds} > 0 and none pending, asks again every half second on a
     * Vert.x timer (never blocking the event loop) until one arrives or the wait ends, then answers what there is.
     */
    public Uni<List<PendingApprovalResponse>> pending(UUID deviceId, String credential, int waitSeconds) {
        Instant deadline = Instant.now().plusSeconds(Math.max(0, Math.min(waitSeconds, MAX_WAIT_SECONDS)));
        return Panache.withSession(() -> devices.authenticate(deviceId, credential))
                .chain(device -> poll(device.id(), deadline));
    }

    private Uni<List<PendingApprovalResponse>> poll(UUID deviceId, Instant deadline) {
        return Panache.withSession(() -> requests.openForDevice(deviceId, now())).chain(open -> {
            if (!open.isEmpty() || !Instant.now().plusMillis(POLL_MILLIS).isBefore(deadline)) {
                return Uni.createFrom().item(open.stream().map(ApprovalService::pendingOf).toList());
            }
            return timer(POLL_MILLIS).chain(() -> poll(deviceId, deadline));
        });
    }

    private Uni<Void> timer(long millis) {
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(millis, id -> emitter.complete(null)));
    }

    private static PendingApprovalResponse pendingOf(ApprovalRequest request) {
        return new PendingApprovalResponse(request.id(), ApprovalSignatures.encode(request.challenge()),
                request.clientIp(), request.userAgent(), null, request.createdAt(), request.expiresAt());
    }

    /**
     * The device answers a request sent to it. Another device's request (of the same user or not) is 404; an answer
     * that is not signed by this device's approval key, a wrong number, an expired or already answered request is
     * refused and evented. A wrong number ends the request (one guess in a hundred, once).
     */
    public Uni<AnswerResponse> answer(UUID deviceId, String credential, UUID requestId, AnswerRequest answer) {
        if (answer.decision() == null || !DECISIONS.contains(answer.decision())) {
            throw new BadRequestProblem("invalid-field", "The decision must be approve or deny",
                    List.of(new FieldError("decision", "must be approve or deny")));
        }
        boolean approve = answer.decision().equals("approve");
        boolean notMe = !approve && Boolean.TRUE.equals(answer.notMe());
        if (approve && (answer.number() == null || !answer.number().matches("[0-9]{2}"))) {
            throw new BadRequestProblem("invalid-field", "Approving needs the two digits shown on the web page",
                    List.of(new FieldError("number", "must be the two digits shown on the web page")));
        }
        byte[] signature = ApprovalSignatures.decode(answer.signature());
        if (signature == null) {
            throw new BadRequestProblem("invalid-field", "The signature is missing or not base64url",
                    List.of(new FieldError("signature", "must be a DER ECDSA signature, base64url")));
        }
        String signedDecision = approve ? "approve" : notMe ? "deny-not-me" : "deny";
        Instant now = now();
        return Panache.withTransaction(() -> devices.authenticate(deviceId, credential)
                .chain(device -> requests.lock(requestId).chain(request -> {
                    if (request == null || !request.deviceId().equals(device.id())) {
                        return Uni.createFrom().failure(new NotFoundProblem());
                    }
                    return keys.findById(device.id()).chain(key -> {
                        if (key == null) {
                            return refused(request, device, "no_key").replaceWith(Outcome.<AnswerResponse>refused(
                                    new ConflictProblem("approval-key-missing", "This device has no approval key")));
                        }
                        byte[] message = ApprovalSignatures.answer(request.id(), request.challenge(), answer.number(),
                                signedDecision);
                        if (!ApprovalSignatures.verifies(key.publicKey(), message, signature)) {
                            return refused(request, device, "bad_signature")
                                    .replaceWith(Outcome.<AnswerResponse>refused(badSignature()));
                        }
                        if (!request.isPending()) {
                            return refused(request, device, "not_pending")
                                    .replaceWith(Outcome.<AnswerResponse>refused(notPending()));
                        }
                        if (request.isExpired(now)) {
                            return refused(request, device, "expired")
                                    .replaceWith(Outcome.<AnswerResponse>refused(expired()));
                        }
                        if (approve && !request.number().equals(answer.number())) {
                            request.answer(ApprovalRequest.REFUSED, false, now);
                            return refused(request, device, "wrong_number").replaceWith(Outcome.<AnswerResponse>refused(
                                    new BusinessRuleProblem("wrong-approval-number",
                                            "The number is not the one on the web page; the request has ended")));
                        }
                        return approve ? approved(request, device, now) : denied(request, device, notMe, now);
                    });
                })))
                .map(Outcome::answer);
    }

    private Uni<Outcome<AnswerResponse>> approved(ApprovalRequest request, RegisteredDevice device, Instant now) {
        request.answer(ApprovalRequest.APPROVED, false, now);
        return outbox.append(IdentityEvents.byUser(ApprovalEvents.APPROVED, request.id(), request.firmId(),
                        request.userId(), new ApprovalEvents.Approved(request.id(), request.userId(), device.id(),
                                request.clientIp())))
                .replaceWith(Outcome.of(new AnswerResponse(request.id(), ApprovalRequest.APPROVED)));
    }

    /**
     * A deny ends the pending sign-in (its challenge is used up). "This wasn't me" means someone else knows the
     * password: it must be reset, as after a disowned session, and the user's other open requests are denied too.
     * The third denial within an hour suspends phone approval for the user.
     */
    private Uni<Outcome<AnswerResponse>> denied(ApprovalRequest request, RegisteredDevice device, boolean notMe,
            Instant now) {
        request.answer(ApprovalRequest.DENIED, notMe, now);
        Uni<Void> consequences = signInChallenges.findById(request.signInChallengeId()).chain(challenge -> {
            if (challenge != null && challenge.isOpen(now)) {
                challenge.use(now);
            }
            return outbox.append(IdentityEvents.byUser(ApprovalEvents.DENIED, request.id(), request.firmId(),
                    request.userId(), new ApprovalEvents.Denied(request.id(), request.userId(), device.id(), notMe,
                            request.clientIp())));
        });
        if (notMe) {
            consequences = consequences
                    .chain(() -> users.findInFirm(request.firmId(), request.userId()))
                    .invoke(user -> user.requirePasswordReset(now))
                    .chain(() -> requests.openOf(request.userId(), now))
                    .invoke(open -> open.forEach(other -> other.answer(ApprovalRequest.REFUSED, true, now)))
                    .replaceWithVoid();
        }
        return consequences.chain(() -> fatigue(request, now))
                .replaceWith(Outcome.of(new AnswerResponse(request.id(), ApprovalRequest.DENIED)));
    }

    private Uni<Void> fatigue(ApprovalRequest request, Instant now) {
        return suspensions.lock(request.userId()).chain(existing -> {
            ApprovalSuspension suspension = existing != null ? existing
                    : new ApprovalSuspension(request.userId(), request.firmId());
            if (suspension.isSuspended()) {
                return Uni.createFrom().voidItem();
            }
            Instant windowStart = now.minus(DENIAL_WINDOW);
            Instant since = suspension.liftedAt() != null && suspension.liftedAt().isAfter(windowStart)
                    ? suspension.liftedAt() : windowStart;
            return Panache.getSession().chain(session -> session.flush())
                    .chain(() -> requests.denialsSince(request.userId(), since)).chain(denials -> {
                        if (denials < DENIALS_TO_SUSPEND) {
                            return Uni.createFrom().voidItem();
                        }
                        suspension.suspend(now);
                        Uni<?> saved = existing != null ? Uni.createFrom().item(existing) : suspensions.persist(suspension);
                        return saved.chain(() -> requests.openOf(request.userId(), now))
                                .invoke(open -> open.forEach(other -> other.answer(ApprovalRequest.REFUSED, false, now)))
                                .chain(() -> outbox.append(IdentityEvents.bySystem(ApprovalEvents.SUSPENDED,
                                        request.userId().toString(), request.firmId(),
                                        new ApprovalEvents.Suspended(request.userId(), denials))));
                    });
        });
    }

    private Uni<Void> refused(ApprovalRequest request, RegisteredDevice device, String reason) {
        return outbox.append(IdentityEvents.bySystem(ApprovalEvents.REFUSED,
                request == null ? device.id().toString() : request.id().toString(), device.firmId(),
                new ApprovalEvents.Refused(request == null ? null : request.id(), device.userId(), device.id(), reason)));
    }

    // ---- the web page: ask, then complete

    /**
     * After the password: an approval request to the user's most recently keyed active device, with a fresh number
     * and challenge, evented for a push gateway. At most three open requests per user (429); none while phone approval
     * is suspended (403).
     */
    public Uni<StartApprovalResponse> start(StartApprovalRequest start, ClientInfo client) {
        Instant now = now();
        byte[] hash = OpaqueTokens.hash(start.challengeToken());
        return Panache.withTransaction(() -> signInChallenges.lockByTokenHash(hash, SignInChallenge.SECOND_FACTOR)
                .chain(challenge -> {
                    if (challenge == null || !challenge.isOpen(now)) {
                        return Uni.createFrom().<StartApprovalResponse>failure(AuthenticationProblem.invalidChallenge());
                    }
                    return users.findById(challenge.userId()).chain(user -> {
                        if (user == null || user.status() != UserStatus.ACTIVE) {
                            return Uni.createFrom().<StartApprovalResponse>failure(
                                    AuthenticationProblem.invalidChallenge());
                        }
                        return suspensions.findById(user.id()).chain(suspension -> {
                            if (suspension != null && suspension.isSuspended()) {
                                return Uni.createFrom().<StartApprovalResponse>failure(suspended());
                            }
                            return keys.latestActiveOf(user.firmId(), user.id()).chain(key -> key == null
                                    ? Uni.createFrom().<StartApprovalResponse>failure(new ConflictProblem(
                                            "approval-not-available",
                                            "No registered device of yours can approve sign-ins; use your code"))
                                    : requests.openOf(user.id(), now).chain(open -> {
                                        if (open.size() >= MAX_OPEN_REQUESTS) {
                                            Duration retry = Duration.between(now, open.get(0).expiresAt());
                                            return Uni.createFrom().<StartApprovalResponse>failure(
                                                    new TooManyRequestsProblem(retry.isNegative() ? Duration.ofSeconds(1)
                                                            : retry, "Too many approval requests are waiting"));
                                        }
                                        return create(challenge, key, client, now);
                                    }));
                        });
                    });
                }));
    }

    private Uni<StartApprovalResponse> create(SignInChallenge challenge, ApprovalKey key, ClientInfo client,
            Instant now) {
        ApprovalRequest request = new ApprovalRequest(challenge.firmId(), challenge.userId(), key.deviceId(),
                challenge.id(), randomBytes(32), 10 + random.nextInt(90), client.ip(), client.userAgent(), now,
                now.plus(REQUEST_LIFETIME));
        return devices.active(key.deviceId()).chain(device -> requests.persist(request)
                .chain(() -> outbox.append(IdentityEvents.bySystem(ApprovalEvents.REQUESTED, request.id().toString(),
                        request.firmId(), new ApprovalEvents.Requested(request.id(), request.userId(), request.deviceId(),
                                request.expiresAt(), client.ip(), client.userAgent()))))
                .map(ignored -> new StartApprovalResponse(request.id(), request.number(), device.id(), device.name(),
                        request.expiresAt())));
    }

    /** What the web page's completing call found: tokens, or the request still pending. */
    public record Completion(LoginResponse signedIn, ApprovalStatusResponse pending) {
    }

    /**
     * The web page asks whether its request was approved: tokens (amr pwd swk mfa, the session names the device) once
     * it is, 202 while pending; a denied request ended the sign-in (401), an expired or refused one can be retried or
     * replaced by another factor (409).
     */
    public Uni<Completion> complete(CompleteApprovalRequest complete, ClientInfo client) {
        Instant now = now();
        byte[] hash = OpaqueTokens.hash(complete.challengeToken());
        return Panache.withTransaction(() -> signInChallenges.lockByTokenHash(hash, SignInChallenge.SECOND_FACTOR)
                .chain(challenge -> {
                    if (challenge == null) {
                        return Uni.createFrom().<Completion>failure(AuthenticationProblem.invalidChallenge());
                    }
                    return requests.lock(complete.requestId()).chain(request -> {
                        if (request == null || !request.signInChallengeId().equals(challenge.id())) {
                            return Uni.createFrom().<Completion>failure(new NotFoundProblem());
                        }
                        return switch (request.status()) {
                            case ApprovalRequest.PENDING -> request.isExpired(now)
                                    ? Uni.createFrom().<Completion>failure(expired())
                                    : Uni.createFrom().item(new Completion(null, new ApprovalStatusResponse(request.id(),
                                            ApprovalRequest.PENDING, request.expiresAt())));
                            case ApprovalRequest.DENIED -> Uni.createFrom().<Completion>failure(new AuthenticationProblem(
                                    "approval-denied", "Sign-in denied", "The sign-in was denied on your phone"));
                            case ApprovalRequest.REFUSED -> Uni.createFrom().<Completion>failure(new ConflictProblem(
                                    "approval-refused", "The phone's answer was refused; ask again or use your code"));
                            case ApprovalRequest.APPROVED -> signIn(challenge, request, client, now);
                            default -> Uni.createFrom().<Completion>failure(AuthenticationProblem.invalidChallenge());
                        };
                    });
                }));
    }

    private Uni<Completion> signIn(SignInChallenge challenge, ApprovalRequest request, ClientInfo client, Instant now) {
        if (!challenge.isOpen(now)) {
            return Uni.createFrom().failure(AuthenticationProblem.invalidChallenge());
        }
        return devices.active(request.deviceId()).chain(device -> {
            if (device == null) {
                return Uni.createFrom().<Completion>failure(new ConflictProblem("approval-refused",
                        "The device that approved has been signed out; ask again or use your code"));
            }
            request.completed();
            return users.findById(challenge.userId()).chain(user -> user == null || user.status() != UserStatus.ACTIVE
                    ? Uni.createFrom().<Completion>failure(AuthenticationProblem.invalidChallenge())
                    : logins.approvedOnDevice(challenge, user, new SessionEvents.ApprovedBy(device.id(), device.name()),
                            client).map(response -> new Completion(response, null)));
        });
    }

    private static ForbiddenProblem badSignature() {
        return new ForbiddenProblem("invalid-approval-signature",
                "The signature is not this device's approval key's signature of the answer");
    }

    private static ConflictProblem notPending() {
        return new ConflictProblem("approval-not-pending", "This request has already been answered");
    }

    private static ConflictProblem expired() {
        return new ConflictProblem("approval-expired", "This request has expired; ask again or use your code");
    }

    static ForbiddenProblem suspended() {
        return new ForbiddenProblem("approval-suspended",
                "Approval on your phone is suspended after repeated denials; sign in with your code, a recovery code "
                        + "or a passkey to turn it back on");
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
