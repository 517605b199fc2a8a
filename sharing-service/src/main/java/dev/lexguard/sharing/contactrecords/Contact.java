package dev.lexguard.sharing.contactrecords;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Someone outside the firm who can receive shares: a client, co-counsel, an expert or another party. */
@Entity
@Table(name = "contact")
public class Contact {

    public static final String API = "api";
    public static final String ACTIVITY = "activity";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String source;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "portal_access_requested_at")
    private Instant portalAccessRequestedAt;

    protected Contact() {
    }

    public Contact(UUID id, UUID firmId, String name, String email, String kind, String source, Instant now) {
        this.id = id;
        this.firmId = firmId;
        this.source = source;
        this.createdAt = now;
        update(name, email, kind, now);
    }

    public final void update(String name, String email, String kind, Instant now) {
        this.name = name;
        this.email = email;
        this.kind = kind;
        this.updatedAt = now;
    }

    public void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }

    /** Marks the first share; true if this call did (then identity-service is asked for a portal account). */
    public boolean requestPortalAccess(Instant now) {
        if (portalAccessRequestedAt != null) {
            return false;
        }
        portalAccessRequestedAt = now;
        return true;
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public Instant portalAccessRequestedAt() {
        return portalAccessRequestedAt;
    }
}
