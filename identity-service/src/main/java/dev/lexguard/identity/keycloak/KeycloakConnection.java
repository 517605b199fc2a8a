package dev.lexguard.identity.keycloak;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A firm's Keycloak realm and what LexGuard created there. Both client secrets are sealed (SecretBox). */
@Entity
@Table(name = "keycloak_connection")
public class KeycloakConnection {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "server_url", nullable = false)
    private String serverUrl;

    @Column(nullable = false)
    private String realm;

    @Column(name = "admin_client_id", nullable = false)
    private String adminClientId;

    @Column(name = "admin_client_secret_sealed", nullable = false)
    private String adminClientSecretSealed;

    @Column(name = "signin_client_id", nullable = false)
    private String signInClientId;

    @Column(name = "signin_client_uuid", nullable = false)
    private String signInClientUuid;

    @Column(name = "signin_client_secret_sealed", nullable = false)
    private String signInClientSecretSealed;

    @Column(name = "root_group_id", nullable = false)
    private String rootGroupId;

    @Column(name = "connected_by", nullable = false)
    private UUID connectedBy;

    @Column(name = "connected_at", nullable = false)
    private Instant connectedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_reconciled_at")
    private Instant lastReconciledAt;

    /** Since when the owner lets Keycloak's second factor stand in for LexGuard's at sign-on; null: never. */
    @Column(name = "second_factor_trusted_at")
    private Instant secondFactorTrustedAt;

    @Column(name = "second_factor_trusted_by")
    private UUID secondFactorTrustedBy;

    protected KeycloakConnection() {
    }

    public KeycloakConnection(UUID firmId, UUID connectedBy, Instant now) {
        this.firmId = firmId;
        this.connectedBy = connectedBy;
        this.connectedAt = now;
    }

    /** Points the connection at a realm and records what setting it up there produced. */
    public void configure(KeycloakTarget target, String adminClientSecretSealed, RealmSetup.Result setup,
            String signInClientSecretSealed, UUID by, Instant now) {
        this.serverUrl = target.serverUrl();
        this.realm = target.realm();
        this.adminClientId = target.clientId();
        this.adminClientSecretSealed = adminClientSecretSealed;
        this.signInClientId = setup.signInClientId();
        this.signInClientUuid = setup.signInClientUuid();
        this.signInClientSecretSealed = signInClientSecretSealed;
        this.rootGroupId = setup.rootGroupId();
        this.connectedBy = by;
        this.updatedAt = now;
    }

    /** The owner's opt-in ({@code trusted}) or its withdrawal; answers whether anything changed. */
    public boolean trustSecondFactor(boolean trusted, UUID by, Instant now) {
        if (trusted == trustsSecondFactor()) {
            return false;
        }
        this.secondFactorTrustedAt = trusted ? now : null;
        this.secondFactorTrustedBy = trusted ? by : null;
        this.updatedAt = now;
        return true;
    }

    public boolean trustsSecondFactor() {
        return secondFactorTrustedAt != null;
    }

    public Instant secondFactorTrustedAt() {
        return secondFactorTrustedAt;
    }

    public UUID secondFactorTrustedBy() {
        return secondFactorTrustedBy;
    }

    public void reconciled(Instant now) {
        this.lastReconciledAt = now;
    }

    public UUID firmId() {
        return firmId;
    }

    public String serverUrl() {
        return serverUrl;
    }

    public String realm() {
        return realm;
    }

    public String adminClientId() {
        return adminClientId;
    }

    public String adminClientSecretSealed() {
        return adminClientSecretSealed;
    }

    public String signInClientId() {
        return signInClientId;
    }

    public String signInClientUuid() {
        return signInClientUuid;
    }

    public String signInClientSecretSealed() {
        return signInClientSecretSealed;
    }

    public String rootGroupId() {
        return rootGroupId;
    }

    public UUID connectedBy() {
        return connectedBy;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant lastReconciledAt() {
        return lastReconciledAt;
    }

    /** The realm's issuer, as its ID tokens carry it. */
    public String issuer() {
        return serverUrl + "/realms/" + realm;
    }
}
