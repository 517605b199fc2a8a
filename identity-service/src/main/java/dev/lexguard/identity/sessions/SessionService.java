package dev.lexguard.identity.sessions;

import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.NativeSql;
import dev.lexguard.identity.permissions.PermissionsProjection;
import dev.lexguard.identity.tokens.AccessTokenIssuer;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sessions and their tokens. {@link #start} and {@link #endAll} join the caller's transaction (call them from
 * a {@code @WithTransaction} method); {@link #refresh} and {@link #logout} are their own transactions.
 */
@ApplicationScoped
public class SessionService {

    public static final String REFRESH_PREFIX = "lgr_";

    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final AccessTokenIssuer issuer;
    private final OutboxWriter outbox;
    private final IdentityConfig config;
    private final PermissionsProjection permissions;
    private final DeviceRefreshRule devices;

    public SessionService(SessionRepository sessions, RefreshTokenRepository refreshTokens, UserRepository users,
            AccessTokenIssuer issuer, OutboxWriter outbox, IdentityConfig config, PermissionsProjection permissions,
            DeviceRefreshRule devices) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.issuer = issuer;
        this.outbox = outbox;
        this.config = config;
        this.permissions = permissions;
        this.devices = devices;
    }

    /** Starts a session for a user who has just proved who they are. Inside the caller's transaction. */
    public Uni<SessionTokens> start(User user, List<String> amr, ClientInfo client) {
        return start(user, amr, client, null);
    }

    /** Starts a session on a registered mobile device (a PIN unlock). Inside the caller's transaction. */
    public Uni<SessionTokens> start(User user, List<String> amr, ClientInfo client, UUID deviceId) {
        return start(user, amr, client, deviceId, null);
    }

    /**
     * Starts a session whose second factor an identity provider checked at {@code secondFactorAt} (its auth_time),
     * which becomes the session's auth_time. Inside the caller's transaction.
     */
    public Uni<SessionTokens> start(User user, List<String> amr, ClientInfo client, UUID deviceId,
            Instant secondFactorAt) {
        return start(user, amr, client, deviceId, secondFactorAt, null);
    }

    /**
     * Starts a web session whose sign-in was approved on a registered device ({@code approvedBy}): the session is not
     * on that device, it names it. Inside the caller's transaction.
     */
    public Uni<SessionTokens> startApproved(User user, List<String> amr, ClientInfo client,
            SessionEvents.ApprovedBy approvedBy) {
        return start(user, amr, client, null, null, approvedBy);
    }

    private Uni<SessionTokens> start(User user, List<String> amr, ClientInfo client, UUID deviceId,
            Instant secondFactorAt, SessionEvents.ApprovedBy approvedBy) {
        Instant now = now();
        Session session = new Session(user.firmId(), user.id(), String.join(" ", amr), client, now,
                now.plus(config.tokens().sessionLifetime()));
        session.bindDevice(deviceId);
        if (approvedBy != null) {
            session.approvedBy(approvedBy.deviceId());
        }
        if (secondFactorAt != null) {
            session.secondFactorProvedAt(secondFactorAt.isAfter(now) ? now : secondFactorAt);
        }
        return sessions.persist(session)
                .chain(() -> outbox.append(IdentityEvents.byUser(IdentityEvents.SESSION_STARTED, session.id(),
                        user.firmId(), user.id(),
                        new SessionEvents.Started(session.id(), user.id(), client.ip(), client.userAgent(), amr, deviceId,
                                approvedBy))))
                .chain(() -> tokensFor(user, session, now));
    }

    /** The outcome of presenting a refresh token. */
    public sealed interface RefreshOutcome {
        record Refreshed(SessionTokens tokens) implements RefreshOutcome {
        }

        /** Unknown, expired, for an ended session or a deactivated user: nothing changed. */
        record Rejected() implements RefreshOutcome {
        }

        /** A rotated-away token came back: the session has been ended (the change is committed). */
        record Reused(UUID sessionId) implements RefreshOutcome {
        }

        /**
         * The firm requires a screen lock and the device's app reported none: not refreshed, the refusal recorded,
         * and the refresh token still current so the app may try again once the phone is locked.
         */
        record DeviceLockRequired(UUID sessionId) implements RefreshOutcome {
        }
    }

    /** Rotates the refresh token; a session on a registered device also hands in the app's report of the screen lock. */
    @WithTransaction
    public Uni<RefreshOutcome> refresh(String refreshToken, String deviceLock, ClientInfo client) {
        if (!OpaqueTokens.wellFormed(REFRESH_PREFIX, refreshToken)) {
            return Uni.createFrom().item(new RefreshOutcome.Rejected());
        }
        byte[] hash = OpaqueTokens.hash(refreshToken);
        Instant now = now();
        return refreshTokens.consume(hash, now).chain(rotated -> rotated == 1
                ? rotate(hash, deviceLock, client, now)
                : refreshTokens.findByHash(hash).chain(old -> old == null
                        ? Uni.createFrom().item(new RefreshOutcome.Rejected())
                        : sessions.findById(old.sessionId()).chain(session -> session == null || session.endedAt() != null
                                ? Uni.createFrom().item(new RefreshOutcome.Rejected())
                                : end(session, EndReason.REFRESH_REUSE, null, now)
                                        .replaceWith(new RefreshOutcome.Reused(session.id())))));
    }

    /**
     * The session row is locked first: a revocation (one session, a device, a watermark) that commits while this
     * refresh waits is seen here, and one that comes later waits for this refresh and then ends the session. A
     * session's device row is locked before the session's, as a device's sign-out or wipe does.
     */
    private Uni<RefreshOutcome> rotate(byte[] hash, String deviceLock, ClientInfo client, Instant now) {
        return refreshTokens.findByHash(hash)
                .chain(token -> NativeSql.rows("select device_id from session where id = :id",
                                Map.of("id", token.sessionId()))
                        .chain(rows -> rows.isEmpty() || rows.get(0) == null ? Uni.createFrom().voidItem()
                                : devices.lockDevice((UUID) rows.get(0)))
                        .chain(() -> sessions.lock(token.sessionId())))
                .chain(session -> {
                    if (session == null || !session.isOpen(now)) {
                        return Uni.createFrom().item(new RefreshOutcome.Rejected());
                    }
                    return belowWatermark(session).chain(revoked -> revoked ? Uni.createFrom().item(false)
                                    : session.deviceId() == null ? Uni.createFrom().item(true)
                                    : devices.mayRefresh(session.firmId(), session.deviceId()))
                            .chain(allowed -> !allowed
                            ? Uni.createFrom().item(new RefreshOutcome.Rejected())
                            : users.findInFirm(session.firmId(), session.userId()).chain(user -> {
                        if (user == null || !user.canSignIn()) {
                            return Uni.createFrom().item(new RefreshOutcome.Rejected());
                        }
                        Uni<Boolean> locked = session.deviceId() == null ? Uni.createFrom().item(true)
                                : devices.lockReported(session.firmId(), session.deviceId(), session.id(), deviceLock,
                                        client);
                        return locked.chain(lockOk -> lockOk ? refreshed(session, user, client, now)
                                : refreshTokens.restore(hash)
                                        .replaceWith(new RefreshOutcome.DeviceLockRequired(session.id())));
                    }));
                });
    }

    private Uni<RefreshOutcome> refreshed(Session session, User user, ClientInfo client, Instant now) {
        session.refreshed(client, now);
        return outbox.append(IdentityEvents.byUser(IdentityEvents.SESSION_REFRESHED, session.id(), session.firmId(),
                        user.id(), new SessionEvents.Refreshed(session.id(), user.id(), client.ip(), client.userAgent(),
                                session.deviceId())))
                .chain(() -> tokensFor(user, session, now))
                .map(RefreshOutcome.Refreshed::new);
    }

    /** Whether a revocation watermark of sessions-service covers the session. */
    private Uni<Boolean> belowWatermark(Session session) {
        return NativeSql.rows("select count(*) from session_watermark where firm_id = :firm"
                + " and (user_id is null or user_id = :user) and revoked_before > :started"
                + " and (except_session_id is null or except_session_id <> :session)",
                Map.of("firm", session.firmId(), "user", session.userId(), "started", session.createdAt(),
                        "session", session.id()))
                .map(rows -> ((Number) rows.get(0)).longValue() > 0);
    }

    /**
     * Records a revocation watermark and ends every open session it covers, each with its event: the user's (or,
     * with {@code userId} null, the firm's) sessions started before {@code revokedBefore}, except {@code except}.
     * Inside the caller's transaction; returns how many ended.
     */
    public Uni<Integer> raiseWatermark(UUID firmId, UUID userId, Instant revokedBefore, UUID except) {
        Instant now = now();
        Map<String, Object> params = new HashMap<>();
        params.put("id", UUID.randomUUID());
        params.put("firm", firmId);
        params.put("user", userId);
        params.put("before", revokedBefore);
        params.put("except", except);
        params.put("now", now);
        return NativeSql.update("insert into session_watermark (id, firm_id, user_id, revoked_before, except_session_id,"
                        + " created_at) values (:id, :firm, cast(:user as uuid), :before, cast(:except as uuid), :now)",
                        params)
                .chain(() -> sessions.lockOpenStartedBefore(firmId, userId, revokedBefore))
                .chain(open -> endEach(open.stream().filter(s -> !s.id().equals(except)).toList(),
                        EndReason.WATERMARK_RAISED, null, now));
    }

    /** Ends one session of the firm if it is open (sessions-service revoked it). Inside the caller's transaction. */
    public Uni<Boolean> revoke(UUID firmId, UUID sessionId, UUID actorId) {
        return sessions.lock(sessionId).chain(session -> {
            if (session == null || !session.firmId().equals(firmId) || session.endedAt() != null) {
                return Uni.createFrom().item(false);
            }
            return end(session, EndReason.REVOKED, actorId, now()).replaceWith(true);
        });
    }

    /** Ends the open sessions of a device (wiped or signed out). Inside the caller's transaction. */
    public Uni<Integer> endForDevice(UUID firmId, UUID deviceId, EndReason reason, UUID actorId) {
        Instant now = now();
        return sessions.lockOpenForDevice(firmId, deviceId).chain(open -> endEach(open, reason, actorId, now));
    }

    /** The caller's own open session, locked (a device registration binds it). Null if ended or not theirs. */
    public Uni<Session> lockOwnOpen(UUID firmId, UUID userId, UUID sessionId) {
        Instant now = now();
        return sessions.lock(sessionId).map(s -> s != null && s.firmId().equals(firmId) && s.userId().equals(userId)
                && s.isOpen(now) ? s : null);
    }

    private Uni<Integer> endEach(List<Session> toEnd, EndReason reason, UUID actorId, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Session session : toEnd) {
            chain = chain.chain(() -> end(session, reason, actorId, now));
        }
        return chain.replaceWith(toEnd.size());
    }

    /** Ends the caller's own session; false if it was already ended or is not theirs. */
    @WithTransaction
    public Uni<Boolean> logout(UUID firmId, UUID userId, UUID sessionId) {
        return sessions.findById(sessionId).chain(session -> {
            if (session == null || !session.firmId().equals(firmId) || !session.userId().equals(userId)
                    || session.endedAt() != null) {
                return Uni.createFrom().item(false);
            }
            return end(session, EndReason.LOGOUT, userId, now()).replaceWith(true);
        });
    }

    /** The device a session runs on, or null (also for a null or unknown session). */
    public Uni<UUID> deviceOf(UUID sessionId) {
        return sessionId == null ? Uni.createFrom().nullItem()
                : sessions.findById(sessionId).map(session -> session == null ? null : session.deviceId());
    }

    /** The caller's own open session, or null. Inside the caller's reactive session. */
    public Uni<Session> findOwnOpen(UUID firmId, UUID userId, UUID sessionId) {
        Instant now = now();
        return sessions.findById(sessionId).map(s -> s != null && s.firmId().equals(firmId) && s.userId().equals(userId)
                && s.isOpen(now) ? s : null);
    }

    /** True if the session is open and belongs to the user (a token is only as good as its session). */
    public Uni<Boolean> isOpen(UUID firmId, UUID userId, UUID sessionId) {
        Instant now = now();
        return sessions.findById(sessionId).map(s -> s != null && s.firmId().equals(firmId)
                && s.userId().equals(userId) && s.isOpen(now));
    }

    /**
     * Ends every open session of a user, except {@code keep} (may be null), each with its own event.
     * Inside the caller's transaction. Returns how many ended.
     */
    public Uni<Integer> endAll(UUID firmId, UUID userId, UUID keep, EndReason reason, UUID actorId) {
        Instant now = now();
        return sessions.openForUser(firmId, userId).chain(open -> {
            List<Session> toEnd = open.stream().filter(s -> !s.id().equals(keep)).toList();
            return endEach(toEnd, reason, actorId, now);
        });
    }

    private Uni<Void> end(Session session, EndReason reason, UUID actorId, Instant now) {
        session.end(reason, now);
        SessionEvents.Ended data = new SessionEvents.Ended(session.id(), session.userId(), reason.wire(),
                session.clientIp(), session.userAgent(), session.deviceId());
        EventDraft draft = actorId == null
                ? IdentityEvents.bySystem(IdentityEvents.SESSION_ENDED, session.id().toString(), session.firmId(), data)
                : IdentityEvents.byUser(IdentityEvents.SESSION_ENDED, session.id(), session.firmId(), actorId, data);
        return outbox.append(draft);
    }

    /**
     * Records a step-up on the caller's open session (locked by the caller, inside its transaction) and issues an
     * access token of that session with the step-up's {@code amr} and {@code auth_time}. No new refresh token: the
     * session's refresh chain stays one chain, and its next refresh carries the step-up on.
     */
    public Uni<AccessTokenIssuer.AccessToken> stepUp(User user, Session session, String secondFactor, Instant now) {
        session.steppedUp(secondFactor, now);
        return permissions.permissionsOf(user).map(granted -> issuer.issue(user.firmId(), user.id(), user.email(),
                session.id(), granted, session.currentAmr(), session.authTime(), session.createdAt()));
    }

    /** True if a revocation watermark covers the session (it ends when identity applies it, if it has not yet). */
    public Uni<Boolean> isBelowWatermark(Session session) {
        return belowWatermark(session);
    }

    private Uni<SessionTokens> tokensFor(User user, Session session, Instant now) {
        String refresh = OpaqueTokens.mint(REFRESH_PREFIX);
        return refreshTokens.persist(new RefreshToken(OpaqueTokens.hash(refresh), session.id(), session.firmId(), now))
                .chain(() -> permissions.permissionsOf(user))
                .map(granted -> {
                    AccessTokenIssuer.AccessToken access = issuer.issue(user.firmId(), user.id(), user.email(),
                            session.id(), granted, session.currentAmr(), session.authTime(), session.createdAt());
                    return new SessionTokens(session.id(), access.value(), access.expiresIn(), access.expiresAt(),
                            refresh, session.expiresAt());
                });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
