package dev.lexguard.gateway.revocation;

import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.gateway.tokens.FirmUser;
import dev.lexguard.gateway.tokens.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ended sessions and revocation watermarks, as learnt from the event topics. Read on every request (event
 * loops), written by the follower thread.
 *
 * <p>An entry is forgotten only once no token it refuses can still be valid: revocation time + the longest access
 * token lifetime ({@code lexguard.gateway.revocation.token-lifetime}, which must be at least identity's
 * {@code lexguard.identity.tokens.access-token-lifetime}: both read {@code LEXGUARD_ACCESS_TOKEN_LIFETIME}) + the
 * clock skew tolerated on {@code exp} ({@code lexguard.gateway.tokens.leeway}). A token issued before the revocation
 * expires by then; identity refuses the refresh of an ended session, and when identity itself ends the session later
 * (it learns of a revocation by event) its own {@code session.ended} moves the entry's revocation time to then. The
 * token verifier refuses tokens that live longer than the lifetime, so a misconfigured issuer fails closed, and a
 * refused token whose {@code exp} is later still keeps its entry until then. The list holds at most the revocations
 * of the last lifetime + skew (gauge {@code lexguard_gateway_revocation_entries}).
 */
@ApplicationScoped
public class RevocationList {

    private final Duration keepFor;
    private final Clock clock;
    private final Map<UUID, Instant> endedSessions = new ConcurrentHashMap<>();
    private final Map<FirmUser, List<Watermark>> userWatermarks = new ConcurrentHashMap<>();
    private final Map<UUID, List<Watermark>> firmWatermarks = new ConcurrentHashMap<>();

    @Inject
    public RevocationList(GatewayConfig config) {
        this(config.revocation().tokenLifetime().plus(config.tokens().leeway()), Clock.systemUTC());
    }

    /** {@code keepFor}: how long after a revocation a token it refuses can still be valid (lifetime + skew). */
    RevocationList(Duration keepFor, Clock clock) {
        this.keepFor = keepFor;
        this.clock = clock;
    }

    /** Why a token is refused, or null when it is not revoked. */
    public String check(VerifiedToken token) {
        Instant forgetAt = endedSessions.get(token.sessionId());
        if (forgetAt != null) {
            if (token.expiresAt().isAfter(forgetAt)) {
                // a token that outlives the bound keeps the entry alive as long as the token itself
                endedSessions.merge(token.sessionId(), token.expiresAt(), RevocationList::later);
            }
            return "session-ended";
        }
        if (refuses(userWatermarks.get(token.user()), token)) {
            return "user-watermark";
        }
        if (refuses(firmWatermarks.get(token.firmId()), token)) {
            return "firm-watermark";
        }
        return null;
    }

    public void sessionEnded(UUID sessionId, Instant at) {
        endedSessions.merge(sessionId, at.plus(keepFor), RevocationList::later);
    }

    public void userWatermark(UUID firmId, UUID userId, Instant revokedBefore, UUID exceptSessionId) {
        userWatermarks.computeIfAbsent(new FirmUser(firmId, userId), k -> new CopyOnWriteArrayList<>())
                .add(new Watermark(revokedBefore, exceptSessionId, revokedBefore.plus(keepFor)));
    }

    public void firmWatermark(UUID firmId, Instant revokedBefore, UUID exceptSessionId) {
        firmWatermarks.computeIfAbsent(firmId, k -> new CopyOnWriteArrayList<>())
                .add(new Watermark(revokedBefore, exceptSessionId, revokedBefore.plus(keepFor)));
    }

    /** Forgets what can no longer refuse a valid token, as of the list's clock. */
    public void prune() {
        prune(clock.instant());
    }

    /** Forgets what can no longer refuse a token that is valid at {@code now}. */
    public void prune(Instant now) {
        endedSessions.values().removeIf(forgetAt -> forgetAt.isBefore(now));
        userWatermarks.values().forEach(list -> list.removeIf(w -> w.forgetAt().isBefore(now)));
        userWatermarks.values().removeIf(List::isEmpty);
        firmWatermarks.values().forEach(list -> list.removeIf(w -> w.forgetAt().isBefore(now)));
        firmWatermarks.values().removeIf(List::isEmpty);
    }

    /** Ended sessions plus watermarks held now (each watermark counts: that is what memory holds). */
    public int size() {
        int watermarks = 0;
        for (List<Watermark> list : userWatermarks.values()) {
            watermarks += list.size();
        }
        for (List<Watermark> list : firmWatermarks.values()) {
            watermarks += list.size();
        }
        return endedSessions.size() + watermarks;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static boolean refuses(List<Watermark> watermarks, VerifiedToken token) {
        if (watermarks == null) {
            return false;
        }
        for (Watermark w : watermarks) {
            // auth_time has whole seconds, revokedBefore milliseconds: a session that started in the same
            // second as the watermark, just after it, is refused too (it signs in again); the other rounding
            // would let one that started just before it through.
            if (token.sessionStart().isBefore(w.revokedBefore()) && !token.sessionId().equals(w.exceptSessionId())) {
                return true;
            }
        }
        return false;
    }

    private record Watermark(Instant revokedBefore, UUID exceptSessionId, Instant forgetAt) {
    }
}
