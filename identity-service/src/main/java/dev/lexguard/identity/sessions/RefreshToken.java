package dev.lexguard.identity.sessions;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The SHA-256 of one refresh token of a session; {@code usedAt} is set when it is rotated away. */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    @Column(name = "token_hash")
    private byte[] tokenHash;

    @Column(name = "session_id", nullable = false)
    private UUID sessionId;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RefreshToken() {
    }

    public RefreshToken(byte[] tokenHash, UUID sessionId, UUID firmId, Instant issuedAt) {
        this.tokenHash = tokenHash;
        this.sessionId = sessionId;
        this.firmId = firmId;
        this.issuedAt = issuedAt;
    }

    public UUID sessionId() {
        return sessionId;
    }

    public Instant usedAt() {
        return usedAt;
    }
}
