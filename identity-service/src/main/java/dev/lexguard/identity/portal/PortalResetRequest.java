package dev.lexguard.identity.portal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact asks for a reset link of one firm's portal (as at sign-in, the portal's address names the firm). */
@Schema(name = "PortalPasswordResetRequest")
public record PortalResetRequest(
        @NotNull @Schema(example = "0b6f4c1e-2d3a-4f5b-8c7d-9e0f1a2b3c4d") UUID firmId,
        @NotNull @Size(max = 1000) @Schema(example = "casey@client.example") String email) {
}
