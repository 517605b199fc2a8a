package dev.lexguard.identity.devices;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.passwords.PasswordHasher;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.sessions.DeviceRefreshRule;
import dev.lexguard.identity.sessions.EndReason;
import dev.lexguard.identity.sessions.SessionService;
import dev.lexguard.identity.sessions.SessionTokens;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserInput;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.outbox.Change;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Mobile devices: registration after a full sign-in, the app PIN, unlocking with it (a new session, amr {@code pin}),
 * the wipe after too many wrong PINs, remote sign-out and the firm's device policy.
 */
@ApplicationScoped
public class DeviceService implements DeviceRefreshRule {

    public static final String CREDENTIAL_PREFIX = "lgd_";
    static final Set<String> PLATFORMS = Set.of("ios", "android");
    private static final Pattern APP_VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,32}");

    private final DeviceRepository devices;
    private final DevicePolicyRepository policies;
    private final SessionService sessions;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final OutboxWriter outbox;

    public DeviceService(DeviceRepository devices, DevicePolicyRepository policies, SessionService sessions,
            UserRepository users, PasswordHasher hasher, OutboxWriter outbox) {
        this.devices = devices;
        this.policies = policies;
        this.sessions = sessions;
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
    }

    public record Registration(Device device, DevicePolicy policy, String credential) {

        @Override
        public String toString() {
            return "Registration[device=" + device.id() + "]";
        }
    }

    /** The outcome of a registration, decided in its transaction and answered after it commits. */
    private record Registering(Registration registration, RuntimeException problem) {
    }

    /**
     * Registers the device the caller's session runs on. Only a session that began with a full sign-in (the
     * password, and the second factor when the user has one) may register, and only once. When the firm requires a
     * screen lock and the app reports none, nothing is registered and the refusal is recorded.
     */
    public Uni<Registration> register(UUID firmId, UUID userId, UUID sessionId, RegisterDeviceRequest request) {
        String name = UserInput.name("name", request.name(), UserInput.MAX_NAME);
        String platform = request.platform().strip().toLowerCase(Locale.ROOT);
        if (!PLATFORMS.contains(platform)) {
            throw new BadRequestProblem("invalid-field", "The platform must be ios or android",
                    List.of(new FieldError("platform", "must be ios or android")));
        }
        String appVersion = request.appVersion().strip();
        if (!APP_VERSION.matcher(appVersion).matches()) {
            throw new BadRequestProblem("invalid-field", "The app version is not valid",
                    List.of(new FieldError("appVersion", "must be 1 to 32 letters, digits, dots, plus or minus signs")));
        }
        Instant now = now();
        return Panache.withTransaction(() -> sessions.lockOwnOpen(firmId, userId, sessionId).chain(session -> {
            if (session == null) {
                return Uni.createFrom().failure(AuthenticationProblem.sessionEnded());
            }
            if (!isFullSignIn(session.amr())) {
                return Uni.createFrom().failure(fullSignInRequired());
            }
            if (session.deviceId() != null) {
                return Uni.createFrom().failure(new ConflictProblem("device-already-registered",
                        "This session already belongs to a registered device"));
            }
            return policies.effective(firmId).chain(policy -> {
                if (policy.deviceLockRequired() && !DeviceLock.locked(request.deviceLock())) {
                    return outbox.append(IdentityEvents.byUser(DeviceEvents.LOCK_MISSING, userId, firmId, userId,
                                    new DeviceEvents.LockMissing(null, userId, "registration", request.deviceLock(),
                                            session.id(), session.clientIp())))
                            .replaceWith(new Registering(null, DeviceLock.required()));
                }
                String credential = OpaqueTokens.mint(CREDENTIAL_PREFIX);
                Device device = new Device(firmId, userId, name, platform, appVersion, OpaqueTokens.hash(credential),
                        session.createdAt(), now);
                device.lockReported(request.deviceLock(), now);
                return devices.persist(device)
                        .invoke(() -> session.bindDevice(device.id()))
                        .chain(() -> outbox.append(IdentityEvents.byUser(DeviceEvents.REGISTERED, device.id(), firmId,
                                userId, new DeviceEvents.Registered(device.id(), userId, name, platform, appVersion,
                                        session.id()))))
                        .replaceWith(new Registering(new Registration(device, policy, credential), null));
            });
        })).map(registering -> {
            if (registering.problem() != null) {
                throw registering.problem();
            }
            return registering.registration();
        });
    }

    /**
     * Sets (or changes) the device's app PIN, from a session on that device that began with a full sign-in. The
     * PIN is refused when it is trivial; it is stored as an Argon2id hash.
     */
    public Uni<Void> setPin(UUID firmId, UUID userId, UUID sessionId, UUID deviceId, String pin) {
        if (!PinPolicy.wellFormed(pin)) {
            throw pinFormat();
        }
        PinPolicy.problem(pin).ifPresent(problem -> {
            throw new BadRequestProblem("weak-pin", "The PIN is too easy to guess",
                    List.of(new FieldError("pin", problem)));
        });
        return Panache.withSession(() -> ownActiveDevice(firmId, userId, deviceId)
                        .chain(device -> requireFullSignInOnDevice(firmId, userId, sessionId, deviceId)))
                .chain(() -> hasher.hash(pin))
                .chain(hash -> Panache.withTransaction(() -> devices.lock(deviceId).chain(device -> {
                    if (device == null || !device.firmId().equals(firmId) || !device.userId().equals(userId)) {
                        return Uni.createFrom().failure(new NotFoundProblem());
                    }
                    if (!device.isActive()) {
                        return Uni.createFrom().failure(notActive());
                    }
                    boolean changed = device.hasPin();
                    device.setPin(hash);
                    return outbox.append(IdentityEvents.byUser(DeviceEvents.PIN_SET, deviceId, firmId, userId,
                            new DeviceEvents.PinSet(deviceId, userId, changed)));
                })));
    }

    private Uni<Void> requireFullSignInOnDevice(UUID firmId, UUID userId, UUID sessionId, UUID deviceId) {
        return sessions.findOwnOpen(firmId, userId, sessionId).chain(session -> {
            if (session == null) {
                return Uni.createFrom().failure(AuthenticationProblem.sessionEnded());
            }
            if (!deviceId.equals(session.deviceId())) {
                return Uni.createFrom().failure(new ForbiddenProblem("device-session-required",
                        "The PIN can be set only from a session on this device"));
            }
            if (!isFullSignIn(session.amr())) {
                return Uni.createFrom().failure(fullSignInRequired());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** The outcome of an unlock, decided in its transaction and answered after it commits. */
    private record Unlock(SessionTokens tokens, RuntimeException problem) {
    }

    private record Candidate(Device device, User user) {
    }

    /**
     * Unlocks a device with its credential and PIN: a new session (amr {@code pin}) on the device. Wrong PINs are
     * counted under the device's row lock; the policy's limit wipes the device (credential revoked, sessions ended).
     */
    public Uni<SessionTokens> unlock(UUID deviceId, String credential, String pin, String deviceLock,
            ClientInfo client) {
        if (!OpaqueTokens.wellFormed(CREDENTIAL_PREFIX, credential)) {
            return Uni.createFrom().failure(invalidCredential());
        }
        if (!PinPolicy.wellFormed(pin)) {
            return Uni.createFrom().failure(pinFormat());
        }
        byte[] presented = OpaqueTokens.hash(credential);
        Instant now = now();
        return Panache.withSession(() -> devices.findById(deviceId).chain(device -> {
                    if (device == null || !device.credentialMatches(presented)) {
                        return Uni.createFrom().failure(invalidCredential());
                    }
                    if (!device.hasPin()) {
                        return Uni.createFrom().failure(new ConflictProblem("pin-not-set",
                                "No PIN has been set on this device; sign in with your password"));
                    }
                    return policies.effective(device.firmId()).chain(policy -> {
                        if (!now.isBefore(policy.fullSignInDue(device.fullSignInAt()))) {
                            return Uni.createFrom().failure(fullSignInDue(policy));
                        }
                        return users.findInFirm(device.firmId(), device.userId()).map(user -> new Candidate(device, user));
                    });
                }))
                .chain(candidate -> {
                    if (candidate.user() == null || !candidate.user().canSignIn()
                            || candidate.user().passwordResetRequired()) {
                        return Uni.createFrom().failure(invalidCredential());
                    }
                    String storedPin = candidate.device().pinHash();
                    return hasher.verify(pin, storedPin).chain(matches -> Panache.withTransaction(() ->
                            decide(deviceId, presented, storedPin, matches, deviceLock, candidate.user(),
                                    client)));
                })
                .map(unlock -> {
                    if (unlock.problem() != null) {
                        throw unlock.problem();
                    }
                    return unlock.tokens();
                });
    }

    private Uni<Unlock> decide(UUID deviceId, byte[] presented, String storedPin, boolean matches, String deviceLock,
            User user, ClientInfo client) {
        Instant now = now();
        return devices.lock(deviceId).chain(device -> {
            // the state may have moved while the PIN was being checked: a wipe, a sign-out or a new PIN
            if (device == null || !device.credentialMatches(presented)) {
                return Uni.createFrom().item(new Unlock(null, invalidCredential()));
            }
            if (!storedPin.equals(device.pinHash())) {
                return Uni.createFrom().item(new Unlock(null, wrongPin(0)));
            }
            if (matches) {
                device.lockReported(deviceLock, now);
                return policies.effective(device.firmId()).chain(policy -> {
                    if (policy.deviceLockRequired() && !DeviceLock.locked(deviceLock)) {
                        return lockMissing(device, "unlock", deviceLock, null, client)
                                .replaceWith(new Unlock(null, DeviceLock.required()));
                    }
                    device.unlocked(now);
                    return sessions.start(user, List.of("pin"), client, device.id())
                            .call(tokens -> outbox.append(IdentityEvents.byUser(DeviceEvents.UNLOCKED, device.id(),
                                    device.firmId(), user.id(),
                                    new DeviceEvents.Unlocked(device.id(), user.id(), tokens.sessionId(), client.ip()))))
                            .map(tokens -> new Unlock(tokens, null));
                });
            }
            return policies.effective(device.firmId()).chain(policy -> {
                int failures = device.wrongPin();
                int left = Math.max(0, policy.maxPinAttempts() - failures);
                Uni<Void> failed = outbox.append(IdentityEvents.byUser(DeviceEvents.PIN_FAILED, device.id(),
                        device.firmId(), user.id(),
                        new DeviceEvents.PinFailed(device.id(), user.id(), failures, left, client.ip())));
                if (left > 0) {
                    return failed.replaceWith(new Unlock(null, wrongPin(left)));
                }
                device.end(Device.WIPED, now);
                return failed
                        .chain(() -> sessions.endForDevice(device.firmId(), device.id(), EndReason.DEVICE_WIPED, null))
                        .call(ended -> outbox.append(IdentityEvents.bySystem(DeviceEvents.WIPED, device.id().toString(),
                                device.firmId(), new DeviceEvents.Wiped(device.id(), user.id(), failures, ended))))
                        .map(ended -> new Unlock(null, new AuthenticationProblem("device-wiped", "Device wiped",
                                "Too many wrong PINs: this device has been signed out; sign in with your password"
                                        + " (and your second factor) to use it again")));
            });
        });
    }

    /**
     * The active device the app's device-bound credential belongs to, for calls the app makes as the device (approval
     * keys and requests); 401 {@code invalid-device-credential} for an unknown, ended or mismatched one, whoever's it is.
     * Inside the caller's session.
     */
    public Uni<RegisteredDevice> authenticate(UUID deviceId, String credential) {
        if (deviceId == null || !OpaqueTokens.wellFormed(CREDENTIAL_PREFIX, credential)) {
            return Uni.createFrom().failure(invalidCredential());
        }
        byte[] presented = OpaqueTokens.hash(credential);
        return devices.findById(deviceId).chain(device -> device == null || !device.credentialMatches(presented)
                ? Uni.createFrom().failure(invalidCredential())
                : Uni.createFrom().item(RegisteredDevice.of(device)));
    }

    /** The device if it is still active (not wiped or signed out), else null. Inside the caller's session. */
    public Uni<RegisteredDevice> active(UUID deviceId) {
        return devices.findById(deviceId).map(device -> device == null || !device.isActive() ? null
                : RegisteredDevice.of(device));
    }

    /**
     * Signs a device out at once (lost or stolen): its credential stops working and its sessions end. The user does
     * it for their own devices, an administrator for any device of the firm.
     */
    public Uni<Void> signOut(UUID firmId, UUID callerId, boolean administrator, UUID deviceId) {
        Instant now = now();
        return Panache.withTransaction(() -> devices.lock(deviceId).chain(device -> {
            if (device == null || !device.firmId().equals(firmId)
                    || !administrator && !device.userId().equals(callerId)) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            if (!device.isActive()) {
                return Uni.createFrom().failure(notActive());
            }
            device.end(Device.SIGNED_OUT, now);
            String by = device.userId().equals(callerId) ? "user" : "administrator";
            return sessions.endForDevice(firmId, deviceId, EndReason.DEVICE_SIGNED_OUT, callerId)
                    .chain(ended -> outbox.append(IdentityEvents.byUser(DeviceEvents.SIGNED_OUT, deviceId, firmId,
                            callerId, new DeviceEvents.SignedOut(deviceId, device.userId(), by, ended))));
        }));
    }

    /** Signs out every active device of the user (a session was disowned). Inside the caller's transaction. */
    public Uni<Integer> signOutAllOf(UUID firmId, UUID userId, UUID actorId) {
        Instant now = now();
        String by = userId.equals(actorId) ? "user" : "administrator";
        return devices.lockActiveOf(firmId, userId).chain(active -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Device device : active) {
                chain = chain.chain(() -> {
                    device.end(Device.SIGNED_OUT, now);
                    return sessions.endForDevice(firmId, device.id(), EndReason.DEVICE_SIGNED_OUT, actorId)
                            .chain(ended -> outbox.append(IdentityEvents.byUser(DeviceEvents.SIGNED_OUT, device.id(),
                                    firmId, actorId, new DeviceEvents.SignedOut(device.id(), userId, by, ended))));
                });
            }
            return chain.replaceWith(active.size());
        });
    }

    /**
     * A revocation watermark: the user's (or, with {@code userId} null, the firm's) devices registered before
     * {@code before} are signed out too, or their PIN would open new sessions past "sign out everywhere". The device of
     * {@code exceptSessionId} stays. Inside the caller's transaction.
     */
    public Uni<Integer> signOutRegisteredBefore(UUID firmId, UUID userId, Instant before, UUID exceptSessionId,
            UUID actorId) {
        Instant now = now();
        return sessions.deviceOf(exceptSessionId).chain(keep -> devices.lockActiveRegisteredBefore(firmId, userId, before)
                .chain(active -> {
                    List<Device> toEnd = active.stream().filter(device -> !device.id().equals(keep)).toList();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Device device : toEnd) {
                        chain = chain.chain(() -> {
                            device.end(Device.SIGNED_OUT, now);
                            return sessions.endForDevice(firmId, device.id(), EndReason.DEVICE_SIGNED_OUT, actorId)
                                    .chain(ended -> {
                                        DeviceEvents.SignedOut data = new DeviceEvents.SignedOut(device.id(),
                                                device.userId(), "revocation", ended);
                                        return outbox.append(actorId == null
                                                ? IdentityEvents.bySystem(DeviceEvents.SIGNED_OUT, device.id().toString(),
                                                        firmId, data)
                                                : IdentityEvents.byUser(DeviceEvents.SIGNED_OUT, device.id(), firmId,
                                                        actorId, data));
                                    });
                        });
                    }
                    return chain.replaceWith(toEnd.size());
                }));
    }

    public record Listed(List<Device> devices, DevicePolicy policy) {
    }

    /** A page of the user's devices (or, with {@code userId} null, the firm's) in registration order. */
    public Uni<Listed> page(UUID firmId, UUID userId, Instant afterAt, UUID afterId, int rows) {
        return Panache.withSession(() -> devices.page(firmId, userId, afterAt, afterId, rows)
                .chain(page -> policies.effective(firmId).map(policy -> new Listed(page, policy))));
    }

    public Uni<DevicePolicy> policy(UUID firmId) {
        return Panache.withSession(() -> policies.effective(firmId));
    }

    public Uni<DevicePolicy> setPolicy(UUID firmId, UUID adminId, DevicePolicyRequest request) {
        Instant now = now();
        return Panache.withTransaction(() -> policies.findById(firmId).chain(existing -> {
            DevicePolicy policy;
            Uni<?> saved;
            // a firm that never set a policy had the defaults: they are what the change replaced
            DeviceEvents.PolicyChanged before = DeviceEvents.PolicyChanged.of(existing != null ? existing : DevicePolicy.defaults(firmId));
            if (existing != null) {
                existing.set(request.pinRequired(), request.maxPinAttempts(), request.fullSignInDays(),
                        request.lockRequired(), now);
                policy = existing;
                saved = Uni.createFrom().item(existing);
            } else {
                policy = DevicePolicy.of(firmId, request.pinRequired(), request.maxPinAttempts(),
                        request.fullSignInDays(), request.lockRequired(), now);
                saved = policies.persist(policy);
            }
            return saved.chain(() -> outbox.append(IdentityEvents.byUser(DeviceEvents.POLICY_CHANGED, firmId, firmId,
                            adminId, new Change(before, DeviceEvents.PolicyChanged.of(policy)))))
                    .replaceWith(policy);
        }));
    }

    /**
     * Whether a device-bound session may be refreshed: its device is still active and, when the firm requires an app
     * PIN, has one. Inside the caller's session.
     */
    @Override
    public Uni<Boolean> mayRefresh(UUID firmId, UUID deviceId) {
        return devices.findById(deviceId).chain(device -> {
            if (device == null || !device.firmId().equals(firmId) || !device.isActive()) {
                return Uni.createFrom().item(false);
            }
            return device.hasPin() ? Uni.createFrom().item(true)
                    : policies.effective(firmId).map(policy -> !policy.pinRequired());
        });
    }

    /** Locks the device's row before its session's: the order every device operation takes, so none deadlock. */
    @Override
    public Uni<Void> lockDevice(UUID deviceId) {
        return devices.lock(deviceId).replaceWithVoid();
    }

    /**
     * Records the app's report of the phone's screen lock at a refresh of a session on the device; false, with the
     * refusal recorded, when the firm requires a lock and the report is none or missing. Inside the caller's
     * transaction, after {@link #mayRefresh}.
     */
    @Override
    public Uni<Boolean> lockReported(UUID firmId, UUID deviceId, UUID sessionId, String deviceLock, ClientInfo client) {
        Instant now = now();
        return devices.findById(deviceId).chain(device -> {
            if (device == null || !device.firmId().equals(firmId)) {
                return Uni.createFrom().item(false);
            }
            device.lockReported(deviceLock, now);
            return policies.effective(firmId).chain(policy -> {
                if (!policy.deviceLockRequired() || DeviceLock.locked(deviceLock)) {
                    return Uni.createFrom().item(true);
                }
                return lockMissing(device, "refresh", deviceLock, sessionId, client).replaceWith(false);
            });
        });
    }

    private Uni<Void> lockMissing(Device device, String during, String reported, UUID sessionId, ClientInfo client) {
        return outbox.append(IdentityEvents.byUser(DeviceEvents.LOCK_MISSING, device.id(), device.firmId(),
                device.userId(), new DeviceEvents.LockMissing(device.id(), device.userId(), during, reported, sessionId,
                        client.ip())));
    }

    private Uni<Device> ownActiveDevice(UUID firmId, UUID userId, UUID deviceId) {
        return devices.findInFirm(firmId, deviceId).chain(device -> {
            if (device == null || !device.userId().equals(userId)) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            if (!device.isActive()) {
                return Uni.createFrom().failure(notActive());
            }
            return Uni.createFrom().item(device);
        });
    }

    private static ForbiddenProblem fullSignInRequired() {
        return new ForbiddenProblem("full-sign-in-required",
                "Only a session that began with the password (and the second factor) may do this");
    }

    private static AuthenticationProblem fullSignInDue(DevicePolicy policy) {
        return new AuthenticationProblem("full-sign-in-required", "Full sign-in required",
                "The firm requires a full sign-in on this device every " + policy.fullSignInDays()
                        + " days; sign in with your password (and your second factor) and register the device again");
    }

    private static AuthenticationProblem invalidCredential() {
        return new AuthenticationProblem("invalid-device-credential", "Invalid device credential",
                "This device is not registered or has been signed out; sign in with your password");
    }

    private static AuthenticationProblem wrongPin(int left) {
        return new AuthenticationProblem("invalid-pin", "Wrong PIN",
                left > 0 ? "The PIN is not correct; " + left + (left == 1 ? " attempt" : " attempts")
                        + " left before the device is wiped" : "The PIN is not correct");
    }

    private static BadRequestProblem pinFormat() {
        return new BadRequestProblem("invalid-field", "The PIN must be 4 digits",
                List.of(new FieldError("pin", "must be exactly 4 digits")));
    }

    private static ConflictProblem notActive() {
        return new ConflictProblem("device-not-active", "The device has been wiped or signed out");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A password or the firm's single sign-on (amr pwd or sso), not a PIN unlock. */
    private static boolean isFullSignIn(String amr) {
        List<String> methods = Arrays.asList(amr.split(" "));
        return methods.contains("pwd") || methods.contains("sso");
    }
}
