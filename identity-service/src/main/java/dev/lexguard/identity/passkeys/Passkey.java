package dev.lexguard.identity.passkeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A user's WebAuthn credential: its id, COSE public key and last sign count (never a private key, which stays on the
 * authenticator). A counter that stops growing marks it suspect, and a suspect passkey is refused.
 */
@Entity
@Table(name = "passkey")
public class Passkey {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "credential_id", nullable = false)
    private byte[] credentialId;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "algorithm", nullable = false)
    private int algorithm;

    @Column(name = "sign_count", nullable = false)
    private long signCount;

    /** Space-separated WebAuthn transport hints (usb, nfc, ble, internal, hybrid ...). */
    @Column(name = "transports", nullable = false)
    private String transports = "";

    @Column(name = "aaguid", nullable = false)
    private UUID aaguid;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "suspect_at")
    private Instant suspectAt;

    protected Passkey() {
    }

    Passkey(UUID firmId, UUID userId, WebAuthn.NewCredential credential, String name, Instant now) {
        this.id = UUID.randomUUID();
        this.firmId = firmId;
        this.userId = userId;
        this.credentialId = credential.credentialId();
        this.publicKey = credential.publicKey();
        this.algorithm = credential.algorithm();
        this.signCount = credential.signCount();
        this.transports = String.join(" ", credential.transports());
        this.aaguid = credential.aaguid();
        this.name = name;
        this.createdAt = now;
    }

    void rename(String name) {
        this.name = name;
    }

    /** An accepted assertion: the counter it carried becomes the one the next must exceed. */
    void used(long signCount, Instant now) {
        this.signCount = signCount;
        this.lastUsedAt = now;
    }

    void markSuspect(Instant now) {
        if (suspectAt == null) {
            suspectAt = now;
        }
    }

    public boolean isSuspect() {
        return suspectAt != null;
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

    public byte[] credentialId() {
        return credentialId.clone();
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    public int algorithm() {
        return algorithm;
    }

    public long signCount() {
        return signCount;
    }

    public List<String> transports() {
        return transports.isBlank() ? List.of() : Arrays.asList(transports.split(" "));
    }

    public UUID aaguid() {
        return aaguid;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant suspectAt() {
        return suspectAt;
    }
}
