package dev.lexguard.feed.chain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A firm's own retention of feed entries; firms without one keep {@code lexguard.feed.default-retention-days}. */
@Entity
@Table(name = "feed_retention")
public class RetentionSetting {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "retention_days", nullable = false)
    private int retentionDays;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private UUID updatedBy;

    protected RetentionSetting() {
    }

    public RetentionSetting(UUID firmId, int retentionDays, Instant updatedAt, UUID updatedBy) {
        this.firmId = firmId;
        change(retentionDays, updatedAt, updatedBy);
    }

    public final void change(int days, Instant at, UUID by) {
        this.retentionDays = days;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public UUID firmId() {
        return firmId;
    }

    public int retentionDays() {
        return retentionDays;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
