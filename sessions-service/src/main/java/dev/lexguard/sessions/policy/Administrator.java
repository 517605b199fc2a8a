package dev.lexguard.sessions.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user who holds the administrator permission (projected from permissions-service and firm creation). */
@Entity
@Table(name = "administrator")
public class Administrator {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private Instant since;

    protected Administrator() {
    }

    public Administrator(UUID userId, UUID firmId, Instant since) {
        this.userId = userId;
        this.firmId = firmId;
        this.since = since;
    }
}
