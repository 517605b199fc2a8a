package dev.lexguard.identity.users;

import dev.lexguard.identity.permissions.PermissionHolder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A firm user. {@code passwordHash} is an Argon2id PHC string, null until an invitation is accepted. */
@Entity
@Table(name = "app_user")
public class User implements PermissionHolder {

    /** The permission the owner holds until permissions-service feeds account permissions. */
    public static final String ADMINISTRATOR = "administrator";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Convert(converter = UserStatusConverter.class)
    @Column(nullable = false)
    private UserStatus status;

    @Column(nullable = false)
    private boolean owner;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deactivated_at")
    private Instant deactivatedAt;

    /** Set when a session was disowned ("not me"): the next sign-in needs a password reset first. */
    @Column(name = "password_reset_required", nullable = false)
    private boolean passwordResetRequired;

    /**
     * A session was disowned ("not me") while the user had a second factor: the next sign-in still needs the password
     * and that factor, and then yields only an enrolment token; confirming a new secret clears this.
     */
    @Column(name = "two_factor_reenrolment_required", nullable = false)
    private boolean twoFactorReenrolmentRequired;

    protected User() {
    }

    private User(UUID id, UUID firmId, String email, String displayName, UserStatus status, boolean owner,
            String passwordHash, Instant now) {
        this.id = id;
        this.firmId = firmId;
        this.email = email;
        this.displayName = displayName;
        this.status = status;
        this.owner = owner;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public static User owner(UUID firmId, String email, String displayName, String passwordHash, Instant now) {
        return new User(UUID.randomUUID(), firmId, email, displayName, UserStatus.ACTIVE, true, passwordHash, now);
    }

    public static User invited(UUID firmId, String email, String displayName, Instant now) {
        return new User(UUID.randomUUID(), firmId, email, displayName, UserStatus.INVITED, false, null, now);
    }

    public void activate(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.status = UserStatus.ACTIVE;
        this.updatedAt = now;
    }

    public void changePassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    /** A password reset (not a change with the current password) clears {@link #passwordResetRequired()}. */
    public void resetPassword(String passwordHash, Instant now) {
        changePassword(passwordHash, now);
        this.passwordResetRequired = false;
    }

    public void requirePasswordReset(Instant now) {
        this.passwordResetRequired = true;
        this.updatedAt = now;
    }

    public boolean passwordResetRequired() {
        return passwordResetRequired;
    }

    public void requireTwoFactorReenrolment(Instant now) {
        this.twoFactorReenrolmentRequired = true;
        this.updatedAt = now;
    }

    /** A new second factor was confirmed: the one the user had before no longer counts as possibly exposed. */
    public void twoFactorReenrolled(Instant now) {
        this.twoFactorReenrolmentRequired = false;
        this.updatedAt = now;
    }

    public boolean twoFactorReenrolmentRequired() {
        return twoFactorReenrolmentRequired;
    }

    public void deactivate(Instant now) {
        this.status = UserStatus.DEACTIVATED;
        this.deactivatedAt = now;
        this.updatedAt = now;
    }

    /** Account permissions for the token's {@code groups}: until permissions-service exists, owner = administrator. */
    @Override
    public Set<String> permissions() {
        return owner ? Set.of(ADMINISTRATOR) : Set.of();
    }

    public boolean canSignIn() {
        return status == UserStatus.ACTIVE && passwordHash != null;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public UUID firmId() {
        return firmId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public UserStatus status() {
        return status;
    }

    public boolean isOwner() {
        return owner;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deactivatedAt() {
        return deactivatedAt;
    }
}
