package dev.lexguard.identity.portal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact's account on the firm's client portal. Its id is the contact's id in sharing-service, so a portal
 * token's subject is what sharing-service lists shares for. Invited until the contact sets a password.
 */
@Entity
@Table(name = "portal_account")
public class PortalAccount {

    public static final String INVITED = "invited";
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    @Id
    private UUID id;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String status;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    /** A session was reported as not the contact's ("not me"): the password works no more until it is reset. */
    @Column(name = "password_reset_required", nullable = false)
    private boolean passwordResetRequired;

    /**
     * "Not me" while the contact had a second factor: sign-in still needs the password and that factor, then yields only
     * an enrolment token until a new secret is confirmed.
     */
    @Column(name = "two_factor_reenrolment_required", nullable = false)
    private boolean twoFactorReenrolmentRequired;

    protected PortalAccount() {
    }

    public PortalAccount(UUID contactId, UUID firmId, String email, String name, String kind, Instant now) {
        this.id = contactId;
        this.firmId = firmId;
        this.email = email;
        this.name = name;
        this.kind = kind;
        this.status = INVITED;
        this.createdAt = now;
    }

    /** The contact's details as sharing-service last announced them (a new invitation carries them). */
    public void describe(String email, String name, String kind) {
        this.email = email;
        this.name = name;
        this.kind = kind;
    }

    public void activate(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.status = ACTIVE;
        this.activatedAt = now;
    }

    public void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    /** A password set with a reset link: the old one, and whatever "not me" said about it, is gone. */
    public void resetPassword(String passwordHash) {
        this.passwordHash = passwordHash;
        this.passwordResetRequired = false;
    }

    public void requirePasswordReset() {
        this.passwordResetRequired = true;
    }

    public boolean passwordResetRequired() {
        return passwordResetRequired;
    }

    public void requireTwoFactorReenrolment() {
        this.twoFactorReenrolmentRequired = true;
    }

    /** A new second factor was confirmed: the one from before "not me" no longer counts as possibly exposed. */
    public void twoFactorReenrolled() {
        this.twoFactorReenrolmentRequired = false;
    }

    public boolean twoFactorReenrolmentRequired() {
        return twoFactorReenrolmentRequired;
    }

    public void disable(Instant now) {
        this.status = DISABLED;
        this.disabledAt = now;
    }

    /** A disabled account invited again starts over: it needs a new password from the new invitation. */
    public void reinvite() {
        if (DISABLED.equals(status)) {
            this.status = INVITED;
            this.passwordHash = null;
            this.disabledAt = null;
        }
    }

    public boolean isActive() {
        return ACTIVE.equals(status);
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

    public String name() {
        return name;
    }

    public String kind() {
        return kind;
    }

    public String status() {
        return status;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant activatedAt() {
        return activatedAt;
    }
}
