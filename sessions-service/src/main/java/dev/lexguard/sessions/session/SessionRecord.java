package dev.lexguard.sessions.session;

import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.device.DeviceInfo;
import dev.lexguard.sessions.location.GeoLocation;
import dev.lexguard.sessions.risk.UnusualReason;
import jakarta.persistence.Column;
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

    @Column(name = "user_agent")
    private String userAgent;

    private String browser;

    private String os;

    @Column(name = "device_type")
    private String deviceType;

    @Column(name = "device_key")
    private String deviceKey;

    @Column(name = "mobile_device_id")
    private UUID mobileDeviceId;

    @Column(name = "country_code")
    private String countryCode;

    private String country;

    private String city;

    private Double latitude;

    private Double longitude;

    private Long asn;

    private String network;

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
        this.userAgent = device.userAgent();
        this.browser = device.browser();
        this.os = device.os();
        this.deviceType = device.deviceType();
        this.deviceKey = device.key();
        this.mobileDeviceId = device.mobileDeviceId();
        this.countryCode = location.countryCode();
        this.country = location.country();
        this.city = location.city();
        this.latitude = location.latitude();
        this.longitude = location.longitude();
        this.asn = location.asn();
        this.network = location.network();
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
        return new DeviceInfo(userAgent, browser, os, deviceType, mobileDeviceId, deviceKey);
    }

    public GeoLocation location() {
        return new GeoLocation(countryCode, country, city, latitude, longitude, asn, network);
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
        if (mobileDeviceId == null) {
            mobileDeviceId = deviceId;
        }
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
