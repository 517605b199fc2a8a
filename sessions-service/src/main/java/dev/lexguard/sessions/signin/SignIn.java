package dev.lexguard.sessions.signin;

import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.device.DeviceColumns;
import dev.lexguard.sessions.device.DeviceInfo;
import dev.lexguard.sessions.location.GeoLocation;
import dev.lexguard.sessions.location.LocationColumns;
import dev.lexguard.sessions.risk.RiskAssessment;
import dev.lexguard.sessions.risk.UnusualReason;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** One sign-in attempt: a success (it started a session) or a failure with identity's reason. */
@Entity
@Table(name = "sign_in")
public class SignIn {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "actor_id")
    private UUID actorId;

    @Column(name = "actor_type", nullable = false)
    private String actorType;

    private String email;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "session_id")
    private UUID sessionId;

    @Column(name = "client_ip", nullable = false)
    private String clientIp;

    @Embedded
    private DeviceColumns device;

    @Embedded
    private LocationColumns location;

    @Column(nullable = false)
    private boolean unusual;

    @Column(name = "unusual_reasons", nullable = false)
    private String unusualReasons;

    @Column(name = "speed_kmh")
    private Double speedKmh;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected SignIn() {
    }

    private SignIn(UUID id, UUID firmId, UUID actorId, ActorKind kind, String email, String outcome, String failureReason,
            UUID sessionId, String clientIp, DeviceInfo device, GeoLocation location, Instant occurredAt) {
        this.id = id;
        this.firmId = firmId;
        this.actorId = actorId;
        this.actorType = kind.wire();
        this.email = email;
        this.outcome = outcome;
        this.failureReason = failureReason;
        this.sessionId = sessionId;
        this.clientIp = clientIp;
        this.device = new DeviceColumns(device);
        this.location = new LocationColumns(location);
        this.unusualReasons = "";
        this.occurredAt = occurredAt;
    }

    public static SignIn succeeded(UUID firmId, UUID actorId, ActorKind kind, UUID sessionId, String clientIp,
            DeviceInfo device, GeoLocation location, Instant at, RiskAssessment risk) {
        SignIn signIn = new SignIn(UUID.randomUUID(), firmId, actorId, kind, null, SUCCEEDED, null, sessionId, clientIp,
                device, location, at);
        signIn.unusual = risk.unusual();
        signIn.unusualReasons = risk.reasons().stream().map(UnusualReason::wire).collect(Collectors.joining(","));
        signIn.speedKmh = risk.speedKmh();
        return signIn;
    }

    public static SignIn failed(UUID firmId, UUID actorId, ActorKind kind, String email, String reason, String clientIp,
            DeviceInfo device, GeoLocation location, Instant at) {
        return new SignIn(UUID.randomUUID(), firmId, actorId, kind, email, FAILED, reason, null, clientIp, device, location, at);
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public UUID actorId() {
        return actorId;
    }

    public ActorKind actorKind() {
        return ActorKind.fromWire(actorType).orElseThrow();
    }

    public String email() {
        return email;
    }

    public String outcome() {
        return outcome;
    }

    public String failureReason() {
        return failureReason;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public String clientIp() {
        return clientIp;
    }

    public DeviceInfo device() {
        return DeviceColumns.info(device);
    }

    public GeoLocation location() {
        return LocationColumns.location(location);
    }

    public boolean unusual() {
        return unusual;
    }

    public List<String> unusualReasons() {
        return unusualReasons.isEmpty() ? List.of() : Arrays.asList(unusualReasons.split(","));
    }

    public Double speedKmh() {
        return speedKmh;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
