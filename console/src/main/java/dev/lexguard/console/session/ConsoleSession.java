package dev.lexguard.console.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A browser's session with the console: the hash of its cookie, its CSRF token, and (once signed in) its tokens. */
@Entity
@Table(name = "console_session")
public class ConsoleSession {

    public static final String USER = "user";
    public static final String CONTACT = "contact";

    /** SHA-256 of the cookie value, base64url. */
    @Id
    public String id;

    @Column(name = "csrf_token", nullable = false)
    public String csrfToken;

    @Column(name = "challenge_token")
    public String challengeToken;

    @Column(name = "access_token")
    public String accessToken;

    @Column(name = "access_expires_at")
    public Instant accessExpiresAt;

    @Column(name = "refresh_token")
    public String refreshToken;

    @Column(name = "identity_session_id")
    public UUID identitySessionId;

    @Column(name = "administrator", nullable = false)
    public boolean administrator;

    @Column(name = "enrolment_uri")
    public String enrolmentUri;

    /** Newline-separated; present only between the POST that received them and the one page that shows them. */
    @Column(name = "recovery_codes")
    public String recoveryCodes;

    /** {@link #USER} (a firm user: the console's pages) or {@link #CONTACT} (a contact: the portal's pages only). */
    @Column(name = "kind", nullable = false)
    public String kind = USER;

    /** A contact's session: the firm whose portal it belongs to. */
    @Column(name = "portal_firm_id")
    public UUID portalFirmId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    public boolean signedIn() {
        return accessToken != null;
    }

    public boolean contact() {
        return CONTACT.equals(kind);
    }

    @Override
    public String toString() {
        return "ConsoleSession[signedIn=" + signedIn() + ", kind=" + kind + "]";
    }
}
