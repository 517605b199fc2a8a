package dev.lexguard.identity.users;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the accept page shows before the user picks a password. */
@Schema(name = "Invitation")
public record InvitationResponse(String email, String displayName, String firmName, Instant expiresAt) {
}
