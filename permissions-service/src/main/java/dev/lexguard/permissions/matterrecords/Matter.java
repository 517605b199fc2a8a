package dev.lexguard.permissions.matterrecords;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A matter registered with this service: what its access list protects. */
@Entity
@Table(name = "matter")
public class Matter {

    public static final String OPEN = "open";
    public static final String PENDING = "pending";
    public static final String CLOSED = "closed";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "display_number", nullable = false)
    private String displayNumber;

    @Column(nullable = false)
    private String description;

    @Column(name = "client_contact_id")
    private UUID clientContactId;

    @Column(name = "responsible_attorney_id")
    private UUID responsibleAttorneyId;

    @Column(name = "practice_area")
    private String practiceArea;

    @Column(nullable = false)
    private String status;

    @Column(name = "access_version", nullable = false)
    private int accessVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Matter() {
    }

    public Matter(UUID id, UUID firmId, MatterDetails details, String status, Instant now) {
        this.id = id;
        this.firmId = firmId;
        this.status = status;
        this.accessVersion = 1;
        this.createdAt = now;
        apply(details, now);
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public String displayNumber() {
        return displayNumber;
    }

    public String description() {
        return description;
    }

    public UUID clientContactId() {
        return clientContactId;
    }

    public UUID responsibleAttorneyId() {
        return responsibleAttorneyId;
    }

    public String practiceArea() {
        return practiceArea;
    }

    public String status() {
        return status;
    }

    public int accessVersion() {
        return accessVersion;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void apply(MatterDetails details, Instant now) {
        this.displayNumber = details.displayNumber();
        this.description = details.description();
        this.clientContactId = details.clientContactId();
        this.responsibleAttorneyId = details.responsibleAttorneyId();
        this.practiceArea = details.practiceArea();
        this.updatedAt = now;
    }

    public void changeStatus(String status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    public int nextAccessVersion(Instant now) {
        this.accessVersion++;
        this.updatedAt = now;
        return accessVersion;
    }
}
