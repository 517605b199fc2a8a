package dev.lexguard.identity.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A contact's signed-in session on the portal: its refresh tokens rotate, its lifetime is absolute. */
@Entity
@Table(name = "portal_session")
public class PortalSession {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(nullable = false)
    private String amr;

    @Column(name = "client_ip", nullable = false)
    private String clientIp;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_refreshed_at", nullable = false)
    private Instant lastRefreshedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "end_reason")
    private String endReason;

    protected PortalSession() {
    }

    public PortalSession(PortalAccount account, String amr, String clientIp, String userAgent, Instant now,
            Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.firmId = account.firmId();
        this.accountId = account.id();
        this.amr = amr;
        this.clientIp = clientIp;
        this.userAgent = userAgent;
        this.createdAt = now;
        this.lastRefreshedAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isOpen(Instant now) {
        return endedAt == null && now.isBefore(expiresAt);
    }

    public void refreshed(Instant now) {
        this.lastRefreshedAt = now;
    }

    public void end(String reason, Instant now) {
        this.endedAt = now;
        this.endReason = reason;
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public UUID accountId() {
        return accountId;
    }

    public String amr() {
        return amr;
    }

    public String clientIp() {
        return clientIp;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant endedAt() {
        return endedAt;
    }
}
