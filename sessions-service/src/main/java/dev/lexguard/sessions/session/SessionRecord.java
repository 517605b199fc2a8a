package dev.lexguard.sessions.session;

import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.device.DeviceColumns;
import dev.lexguard.sessions.device.DeviceInfo;
import dev.lexguard.sessions.location.GeoLocation;
import dev.lexguard.sessions.location.LocationColumns;
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
import org.hibernate.annotations.DynamicUpdate;

/**
 * One session of a firm user or portal contact, as identity-service started it and the gateway saw it used.
 * Updates write only the changed columns: activity reports and endings touch the same row from different
 * transactions, and neither may write back the other's columns as it read them.
 */
@Entity
@DynamicUpdate
@Table(name = "session_record")
public class SessionRecord {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "actor_id", nullable = false)
    private UUID actorId;

    @Column(name = "actor_type", nullable = false)
    private String actorType;

    @Column(nullable = false)
    private String amr;

    @Column(name = "client_ip", nullable = false)
    private String clientIp;

    @Embedded
    private DeviceColumns device;

    @Embedded
    private LocationColumns location;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "last_seen_at", nullable = false)
    private Instant lastSeenAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason")
    private String endReason;

    @Column(name = "ended_by")
    private UUID endedBy;

    @Column(nullable = false)
    private boolean unusual;

    @Column(name = "unusual_reasons", nullable = false)
    private String unusualReasons;

    @Column(name = "disowned_at")
    private Instant disownedAt;

    @Column(name = "disowned_by")
    private UUID disownedBy;

    @Column(name = "approved_by_device_id")
    private UUID approvedByDeviceId;

    @Column(name = "approved_by_device_name")
    private String approvedByDeviceName;

    protected SessionRecord() {
    }

    public SessionRecord(UUID id, UUID firmId, UUID actorId, ActorKind actorKind, List<String> amr, String clientIp,
            DeviceInfo device, GeoLocation location, Instant startedAt, List<UnusualReason> reasons) {
        this.id = id;
        this.firmId = firmId;
        this.actorId = actorId;
        this.actorType = actorKind.wire();
        this.amr = String.join(" ", amr);
        this.clientIp = clientIp;
        this.device = new DeviceColumns(device);
        this.location = new LocationColumns(location);
        this.startedAt = startedAt;
        this.lastSeenAt = startedAt;
        this.unusual = !reasons.isEmpty();
        this.unusualReasons = reasons.stream().map(UnusualReason::wire).collect(Collectors.joining(","));
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

    public List<String> amr() {
        return amr.isEmpty() ? List.of() : Arrays.asList(amr.split(" "));
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

    public Instant startedAt() {
        return startedAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }

    public UUID endedBy() {
        return endedBy;
    }

    public boolean isOpen() {
        return endedAt == null;
    }

    public boolean unusual() {
        return unusual;
    }

    public List<String> unusualReasons() {
        return unusualReasons.isEmpty() ? List.of() : Arrays.asList(unusualReasons.split(","));
    }

    /** The sign-in was approved on a registered phone (identity's {@code approvedBy}). */
    public void approvedBy(UUID deviceId, String deviceName) {
        this.approvedByDeviceId = deviceId;
        this.approvedByDeviceName = deviceName;
    }

    public UUID approvedByDeviceId() {
        return approvedByDeviceId;
    }

    public String approvedByDeviceName() {
        return approvedByDeviceName;
    }

    public Instant disownedAt() {
        return disownedAt;
    }

    public UUID disownedBy() {
        return disownedBy;
    }

    public boolean belongsTo(UUID actor, ActorKind kind) {
        return actorId.equals(actor) && actorType.equals(kind.wire());
    }

    /** Activity at {@code at} from {@code ip}; earlier reports (they may arrive late) never move last seen back. */
    public void seen(String ip, Instant at) {
        if (at.isAfter(lastSeenAt)) {
            lastSeenAt = at;
            clientIp = ip;
        }
    }

    /** Ends the session; false if it had already ended (nothing changes then). */
    public boolean end(String reason, UUID by, Instant at) {
        if (endedAt != null) {
            return false;
        }
        endedAt = at;
        endReason = reason;
        endedBy = by;
        return true;
    }

    /** The mobile device registered from this session (identity registers it after the sign-in). */
    public void registeredDevice(UUID deviceId) {
        device = DeviceColumns.withMobileDevice(device, deviceId);
    }

    public boolean disown(UUID by, Instant at) {
        if (disownedAt != null) {
            return false;
        }
        disownedAt = at;
        disownedBy = by;
        return true;
    }
}
