package dev.lexguard.permissions.groups;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A firm-defined group of users (Partners, "Family law", "Toronto office" ...), the unit of matter access grants. */
@Entity
@Table(name = "access_group")
public class AccessGroup {

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private String kind;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected AccessGroup() {
    }

    public AccessGroup(UUID id, UUID firmId, String name, String description, GroupKind kind, Instant now) {
        this.id = id;
        this.firmId = firmId;
        this.name = name;
        this.description = description;
        this.kind = kind.wireName();
        this.createdAt = now;
        this.updatedAt = now;
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

    public String description() {
        return description;
    }

    public GroupKind kind() {
        return GroupKind.of(kind);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void update(String name, String description, GroupKind kind, Instant now) {
        this.name = name;
        this.description = description;
        this.kind = kind.wireName();
        this.updatedAt = now;
    }

    public void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }
}
