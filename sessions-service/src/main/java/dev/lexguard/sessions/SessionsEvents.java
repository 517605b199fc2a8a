package dev.lexguard.sessions;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.sessions.location.GeoLocation;
import java.util.List;
import java.util.UUID;

/** The event types this service publishes on lexguard.sessions.events (schemas in platform/events) and their data. */
public final class SessionsEvents {

    public static final String SESSION_REVOKED = "dev.lexguard.sessions.session.revoked";
    public static final String WATERMARK_RAISED = "dev.lexguard.sessions.watermark.raised";
    public static final String SIGNIN_UNUSUAL = "dev.lexguard.sessions.signin.unusual";
    public static final String SESSION_DISOWNED = "dev.lexguard.sessions.session.disowned";
    public static final String POLICY_CHANGED = "dev.lexguard.sessions.policy.changed";

    /** The actor id of what this service does on its own (lifetime limits, projections of other services' events). */
    public static final String SYSTEM_ACTOR = "sessions-service";

    public static final String SCOPE_USER = "user";
    public static final String SCOPE_FIRM = "firm";

    private SessionsEvents() {
    }

    public record SessionRevoked(UUID sessionId, UUID userId, String actorType, String reason, String revokedAt,
            UUID revokedBy) {
    }

    public record WatermarkRaised(String scope, UUID userId, String actorType, String revokedBefore, UUID exceptSessionId,
            String reason, UUID revokedBy) {
    }

    public record Device(String browser, String os, String deviceType, UUID mobileDeviceId) {
    }

    public record SigninUnusual(UUID sessionId, UUID userId, String actorType, List<String> reasons, String clientIp,
            GeoLocation location, Device device, UUID previousSessionId, GeoLocation previousLocation, Double speedKmh,
            String signedInAt) {
    }

    public record SessionDisowned(UUID sessionId, UUID userId, String actorType, UUID markedBy, String clientIp) {
    }

    /** The firm's lifetimes in minutes, null for no limit; flat so that {@code previous} names each one that changed. */
    public record PolicyChanged(Integer userIdleMinutes, Integer userAbsoluteMinutes, Integer administratorIdleMinutes,
            Integer administratorAbsoluteMinutes, Integer contactIdleMinutes, Integer contactAbsoluteMinutes) {
    }

    /** An event caused by a caller of the API (a user or a portal contact). */
    public static EventDraft by(String type, String subject, UUID firmId, UUID actorId, ActorKind kind, Object data) {
        return EventDraft.of(type, subject, firmId, actorId.toString(), kind.eventActorType(), data);
    }

    /** An event this service causes on its own. */
    public static EventDraft bySystem(String type, String subject, UUID firmId, Object data) {
        return EventDraft.of(type, subject, firmId, SYSTEM_ACTOR, ActorType.SYSTEM, data);
    }
}
