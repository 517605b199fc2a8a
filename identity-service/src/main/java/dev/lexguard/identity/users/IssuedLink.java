package dev.lexguard.identity.users;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A one-time link for the mailer: handed out once, never stored or published. */
@Schema(name = "MailLink")
public record IssuedLink(String link, String email, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedLink[email=" + email + ", expiresAt=" + expiresAt + "]";
    }
}
