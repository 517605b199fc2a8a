package dev.lexguard.sharing.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One portal open of a share: when, from which address, with which user agent. */
@Entity
@Table(name = "share_open")
public class ShareOpen {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "share_id", nullable = false)
    private UUID shareId;

    @Column(name = "contact_id", nullable = false)
    private UUID contactId;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    private String ip;

    @Column(name = "user_agent")
    private String userAgent;

    protected ShareOpen() {
    }

    public ShareOpen(UUID firmId, UUID shareId, UUID contactId, Instant openedAt, String ip, String userAgent) {
        this.firmId = firmId;
        this.shareId = shareId;
        this.contactId = contactId;
        this.openedAt = openedAt;
        this.ip = ip;
        this.userAgent = userAgent;
    }
}
