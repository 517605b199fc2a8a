package dev.lexguard.gateway.tokens;

import java.util.UUID;

/** A user (or portal contact) of one firm: the key of per-user rate limits and revocation watermarks. */
public record FirmUser(UUID firmId, UUID userId) {
}
