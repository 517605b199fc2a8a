package dev.lexguard.permissions.identityprojection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A firm user as identity-service announced it, plus the permissions granted to the user directly. */
@Entity
@Table(name = "app_user")
public class User {

    public static final String INVITED = "invited";
    public static final String ACTIVE = "active";
    public static final String DEACTIVATED = "deactivated";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private boolean owner;

    @Column(name = "direct_permissions", nullable = false)
    private String directPermissions;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "deactivated_at")
    private Instant deactivatedAt;

    protected User() {
    }

    public User(UUID id, UUID firmId, String email, String displayName, String status, boolean owner, Instant createdAt) {
        this.id = id;
        this.firmId = firmId;
        this.email = email;
        this.displayName = displayName;
        this.status = status;
        this.owner = owner;
        this.directPermissions = "";
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID firmId() {
        return firmId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public String status() {
        return status;
    }

    public boolean owner() {
        return owner;
    }

    public boolean deactivated() {
        return DEACTIVATED.equals(status);
    }

    public List<String> directPermissions() {
        return directPermissions.isEmpty() ? List.of() : Arrays.asList(directPermissions.split(","));
    }

    public void grantDirectly(List<String> sortedPermissions) {
        this.directPermissions = String.join(",", sortedPermissions);
    }

    public void makeOwner(boolean owner) {
        this.owner = owner;
    }

    public void activate() {
        if (!deactivated()) {
            this.status = ACTIVE;
        }
    }

    public void deactivate(Instant at) {
        this.status = DEACTIVATED;
        this.deactivatedAt = at;
    }
}
