package dev.lexguard.sessions.signin;

import dev.lexguard.sessions.device.DeviceResponse;
import dev.lexguard.sessions.location.GeoLocation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One sign-in of the history: a success with its session and risk, or a failure with its reason. */
public record SignInResponse(UUID id, UUID userId, String actorType, String email, String outcome, String failureReason,
        UUID sessionId, String clientIp, DeviceResponse device, GeoLocation location, boolean unusual,
        List<String> unusualReasons, Double speedKmh, Instant occurredAt) {

    static SignInResponse of(SignIn s) {
        return new SignInResponse(s.id(), s.actorId(), s.actorKind().wire(), s.email(), s.outcome(), s.failureReason(),
                s.sessionId(), s.clientIp(), DeviceResponse.of(s.device()), s.location(), s.unusual(), s.unusualReasons(),
                s.speedKmh() == null ? null : Math.round(s.speedKmh() * 10) / 10.0, s.occurredAt());
    }
}
