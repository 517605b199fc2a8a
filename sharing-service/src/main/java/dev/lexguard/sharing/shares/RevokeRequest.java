package dev.lexguard.sharing.shares;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the share is revoked; kept on the share and in the event. */
public record RevokeRequest(@NotBlank @Size(max = 500) String reason) {
}
