package dev.lexguard.gateway.revocation;

import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.gateway.tokens.FirmUser;
import dev.lexguard.gateway.tokens.VerifiedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Ended sessions and revocation watermarks, as learnt from the event topics. Read on every request (event
 * loops), written by the follower thread. Entries are forgotten once no token they could refuse can still
 * be alive: a revoked session's tokens die at most {@code token-lifetime} after the revocation, and after
 * that identity-service issues none for it.
 */
@ApplicationScoped
public class RevocationList {

    private final Duration keepFor;
    private final Map<UUID, Instant> endedSessions = new ConcurrentHashMap<>();
    private final Map<FirmUser, List<Watermark>> userWatermarks = new ConcurrentHashMap<>();
    private final Map<UUID, List<Watermark>> firmWatermarks = new ConcurrentHashMap<>();

    @Inject
    public RevocationList(GatewayConfig config) {
        this(config.revocation().tokenLifetime().plus(config.tokens().leeway()).plusMinutes(1));
    }

    RevocationList(Duration keepFor) {
        this.keepFor = keepFor;
    }

    /** Why a token is refused, or null when it is not revoked. */
    public String check(VerifiedToken token) {
        if (endedSessions.containsKey(token.sessionId())) {
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
        endedSessions.merge(sessionId, at, (old, now) -> old.isAfter(now) ? old : now);
    }

    public void userWatermark(UUID firmId, UUID userId, Instant revokedBefore, UUID exceptSessionId) {
        userWatermarks.computeIfAbsent(new FirmUser(firmId, userId), k -> new CopyOnWriteArrayList<>())
                .add(new Watermark(revokedBefore, exceptSessionId));
    }

    public void firmWatermark(UUID firmId, Instant revokedBefore, UUID exceptSessionId) {
        firmWatermarks.computeIfAbsent(firmId, k -> new CopyOnWriteArrayList<>())
                .add(new Watermark(revokedBefore, exceptSessionId));
    }

    /** Forgets what can no longer refuse a live token. */
    public void prune(Instant now) {
        Instant horizon = now.minus(keepFor);
        endedSessions.values().removeIf(at -> at.isBefore(horizon));
        userWatermarks.values().forEach(list -> list.removeIf(w -> w.revokedBefore().isBefore(horizon)));
        userWatermarks.values().removeIf(List::isEmpty);
        firmWatermarks.values().forEach(list -> list.removeIf(w -> w.revokedBefore().isBefore(horizon)));
        firmWatermarks.values().removeIf(List::isEmpty);
    }

    public int size() {
        return endedSessions.size() + userWatermarks.size() + firmWatermarks.size();
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


    private record Watermark(Instant revokedBefore, UUID exceptSessionId) {
    }
}
