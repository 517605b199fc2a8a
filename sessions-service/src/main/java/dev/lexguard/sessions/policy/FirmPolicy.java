package dev.lexguard.sessions.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A firm's idle and absolute session lifetimes, per kind of actor; null minutes mean no limit. */
@Entity
@Table(name = "firm_policy")
public class FirmPolicy {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "user_idle_minutes")
    private Integer userIdleMinutes;

    @Column(name = "user_absolute_minutes")
    private Integer userAbsoluteMinutes;

    @Column(name = "admin_idle_minutes")
    private Integer adminIdleMinutes;

    @Column(name = "admin_absolute_minutes")
    private Integer adminAbsoluteMinutes;

    @Column(name = "contact_idle_minutes")
    private Integer contactIdleMinutes;

    @Column(name = "contact_absolute_minutes")
    private Integer contactAbsoluteMinutes;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private UUID updatedBy;

    protected FirmPolicy() {
    }

    public FirmPolicy(UUID firmId) {
        this.firmId = firmId;
    }

    public void set(PolicyRequest request, UUID by, Instant at) {
        userIdleMinutes = request.users().idleMinutes();
        userAbsoluteMinutes = request.users().absoluteMinutes();
        adminIdleMinutes = request.administrators().idleMinutes();
        adminAbsoluteMinutes = request.administrators().absoluteMinutes();
        contactIdleMinutes = request.contacts().idleMinutes();
        contactAbsoluteMinutes = request.contacts().absoluteMinutes();
        updatedAt = at;
        updatedBy = by;
    }

    public PolicyResponse toResponse() {
        return new PolicyResponse(new Lifetime(userIdleMinutes, userAbsoluteMinutes),
                new Lifetime(adminIdleMinutes, adminAbsoluteMinutes),
                new Lifetime(contactIdleMinutes, contactAbsoluteMinutes), updatedAt, updatedBy);
    }
}
