package dev.lexguard.identity.passkeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A firm's passkey settings: whether a discoverable passkey alone (no password) may sign its users in. */
@Entity
@Table(name = "passkey_policy")
public class PasskeyPolicy {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "passwordless", nullable = false)
    private boolean passwordless;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PasskeyPolicy() {
    }

    PasskeyPolicy(UUID firmId) {
        this.firmId = firmId;
    }

    void set(boolean passwordless, Instant now) {
        this.passwordless = passwordless;
        this.updatedAt = now;
    }

    public boolean passwordless() {
        return passwordless;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
