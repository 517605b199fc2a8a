package dev.lexguard.sessions.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The firm's owner, projected from identity's firm creation and permissions-service's ownership transfers. */
@Entity
@Table(name = "firm_owner")
public class FirmOwner {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(nullable = false)
    private Instant since;

    protected FirmOwner() {
    }

    public FirmOwner(UUID firmId, UUID ownerId, Instant since) {
        this.firmId = firmId;
        this.ownerId = ownerId;
        this.since = since;
    }

    public UUID ownerId() {
        return ownerId;
    }

    /** The owner from {@code at} on; an older event (from the other topic, arriving late) changes nothing. */
    public void ownedBy(UUID owner, Instant at) {
        if (at.isAfter(since)) {
            ownerId = owner;
            since = at;
        }
    }
}
