package dev.lexguard.identity.twofactor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A firm's rule: two-factor authentication required for everyone, after a grace period. */
@Entity
@Table(name = "two_factor_policy")
public class TwoFactorPolicy {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "required", nullable = false)
    private boolean required;

    @Column(name = "grace_days", nullable = false)
    private int graceDays;

    @Column(name = "required_since")
    private Instant requiredSince;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TwoFactorPolicy() {
    }

    TwoFactorPolicy(UUID firmId) {
        this.firmId = firmId;
    }

    /** The grace period runs from when the rule became required; changing only the days keeps that moment. */
    void set(boolean required, int graceDays, Instant now) {
        if (required && !this.required) {
            this.requiredSince = now;
        }
        if (!required) {
            this.requiredSince = null;
        }
        this.required = required;
        this.graceDays = graceDays;
        this.updatedAt = now;
    }

    /** Whether a user created at {@code userCreatedAt} without a second factor is past the grace period. */
    boolean overdue(Instant userCreatedAt, Instant now) {
        if (!required) {
            return false;
        }
        Instant from = userCreatedAt.isAfter(requiredSince) ? userCreatedAt : requiredSince;
        return !now.isBefore(from.plus(Duration.ofDays(graceDays)));
    }

    boolean required() {
        return required;
    }

    int graceDays() {
        return graceDays;
    }

    Instant requiredSince() {
        return requiredSince;
    }
}
