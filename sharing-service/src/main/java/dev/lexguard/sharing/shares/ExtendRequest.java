package dev.lexguard.sharing.shares;

import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;

/** A share's new expiry (later or earlier than the current one, but in the future). */
public record ExtendRequest(@NotNull OffsetDateTime expiresAt) {
}
