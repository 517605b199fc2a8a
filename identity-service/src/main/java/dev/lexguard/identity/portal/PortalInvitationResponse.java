package dev.lexguard.identity.portal;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the portal's accept page shows before the contact chooses a password. */
@Schema(name = "PortalInvitation")
public record PortalInvitationResponse(String email, String name, String firmName, Instant expiresAt) {

    static PortalInvitationResponse of(PortalAccountService.InvitationView view) {
        return new PortalInvitationResponse(view.email(), view.name(), view.firmName(), view.expiresAt());
    }
}
