package dev.lexguard.identity.twofactor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One stored recovery code: its salted hash (never the code) and when it was used. */
@Entity
@Table(name = "recovery_code")
public class RecoveryCode {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "code_hash", nullable = false)
    private String codeHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RecoveryCode() {
    }

    RecoveryCode(UUID firmId, UUID userId, String codeHash, Instant now) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.codeHash = codeHash;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    StoredRecoveryCode stored() {
        return new StoredRecoveryCode(codeHash, usedAt != null);
    }
}
