package dev.lexguard.sessions.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lexguard.sessions.device.DeviceResponse;
import dev.lexguard.sessions.location.GeoLocation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A session as the API shows it. {@code current} marks the caller's own session; {@code addresses} (every
 * address the session was used from) is only in the single-session read. {@code approvedBy} names the registered phone
 * that approved the sign-in (phone approval), else null.
 */
public record SessionResponse(UUID id, UUID userId, String actorType, String clientIp, DeviceResponse device,
        GeoLocation location, List<String> amr, Instant startedAt, Instant lastSeenAt, boolean active, Instant endedAt,
        String endReason, UUID endedBy, boolean unusual, List<String> unusualReasons, Instant disownedAt, boolean current,
        ApprovedByResponse approvedBy, @JsonInclude(JsonInclude.Include.NON_NULL) List<AddressResponse> addresses) {

    static SessionResponse of(SessionRecord s, UUID currentSession, List<AddressResponse> addresses) {
        return new SessionResponse(s.id(), s.actorId(), s.actorKind().wire(), s.clientIp(), DeviceResponse.of(s.device()),
                s.location(), s.amr(), s.startedAt(), s.lastSeenAt(), s.isOpen(), s.endedAt(), s.endReason(), s.endedBy(),
                s.unusual(), s.unusualReasons(), s.disownedAt(), s.id().equals(currentSession),
                s.approvedByDeviceId() == null ? null
                        : new ApprovedByResponse(s.approvedByDeviceId(), s.approvedByDeviceName()),
                addresses);
    }
}
