package dev.lexguard.identity.sessions;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A sign-in session: what the {@code sid} claim names and what a refresh token keeps alive. */
@Entity
@Table(name = "session")
public class Session {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    /** Space-separated authentication methods (pwd, otp, rec, pin). */
    @Column(nullable = false)
    private String amr;

    @Column(name = "client_ip")
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "refreshed_at")
    private Instant refreshedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason")
    private String endReason;

    /**
     * When the user last proved a second factor on this session after signing in (step-up), if ever; or when the
     * identity provider checked the one the session opened with ({@link #secondFactorProvedAt}).
     */
    @Column(name = "stepped_up_at")
    private Instant steppedUpAt;

    /** Space-separated methods of the last step-up: the session's first factor and the second factor shown. */
    @Column(name = "step_up_amr")
    private String stepUpAmr;

    /** The mobile device this session runs on, if any. */
    @Column(name = "device_id")
    private UUID deviceId;

    /** The registered device whose approval key approved this sign-in (phone approval), if any. */
    @Column(name = "approved_by_device_id")
    private UUID approvedByDeviceId;

    protected Session() {
    }

    public Session(UUID firmId, UUID userId, String amr, ClientInfo client, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.amr = amr;
        this.clientIp = client.ip();
        this.userAgent = client.userAgent();
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isOpen(Instant now) {
        return endedAt == null && now.isBefore(expiresAt);
    }

    public void refreshed(ClientInfo client, Instant now) {
        this.refreshedAt = now;
        this.clientIp = client.ip();
        this.userAgent = client.userAgent();
    }

    /** Ties the session to the device it runs on (a registration binds the session that registered it). */
    public void bindDevice(UUID deviceId) {
        this.deviceId = deviceId;
    }

    /** The sign-in was approved on this registered device (its approval key signed the answer). */
    public void approvedBy(UUID deviceId) {
        this.approvedByDeviceId = deviceId;
    }

    /** The user proved {@code secondFactor} (otp, rec) now: later tokens of this session say so. */
    public void steppedUp(String secondFactor, Instant now) {
        this.steppedUpAt = now;
        this.stepUpAmr = amr.split(" ")[0] + " " + secondFactor;
    }

    /** The session's second factor was checked at {@code at} by an identity provider: tokens carry that auth_time. */
    public void secondFactorProvedAt(Instant at) {
        this.steppedUpAt = at;
    }

    /** The methods a token of this session names: those of the last step-up, else those of the sign-in. */
    public List<String> currentAmr() {
        return List.of((stepUpAmr != null ? stepUpAmr : amr).split(" "));
    }

    /** When the factors of {@link #currentAmr()} were proved (OIDC {@code auth_time}). */
    public Instant authTime() {
        return steppedUpAt != null ? steppedUpAt : createdAt;
    }

    public void end(EndReason reason, Instant now) {
        this.endedAt = now;
        this.endReason = reason.wire();
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public UUID userId() {
        return userId;
    }

    public String amr() {
        return amr;
    }

    public String clientIp() {
        return clientIp;
    }

    public String userAgent() {
        return userAgent;
    }

    public UUID approvedByDeviceId() {
        return approvedByDeviceId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    /** When the user signed in: the session's start (OIDC {@code auth_time}). */
    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String endReason() {
        return endReason;
    }
}
