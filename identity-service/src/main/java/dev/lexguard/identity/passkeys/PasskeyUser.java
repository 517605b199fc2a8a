package dev.lexguard.identity.passkeys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * The WebAuthn user handle of a firm user: 32 random bytes made at the first registration, so an authenticator stores
 * neither the email nor the user id.
 */
@Entity
@Table(name = "passkey_user")
public class PasskeyUser {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "firm_id", nullable = false)
    private UUID firmId;

    @Column(name = "user_handle", nullable = false)
    private byte[] userHandle;

    protected PasskeyUser() {
    }

    PasskeyUser(UUID firmId, UUID userId) {
        this.firmId = firmId;
        this.userId = userId;
        this.userHandle = new byte[32];
        RANDOM.nextBytes(userHandle);
    }

    byte[] userHandle() {
        return userHandle.clone();
    }
}
