package dev.lexguard.sharing.portal;

import dev.lexguard.sharing.shares.Share;
import java.time.Instant;
import java.util.UUID;

/** A share as its contact sees it in the portal: what it is, what they may do with it, until when. */
public record PortalShareResponse(UUID id, String resourceType, String resourceId, String title, String accessLevel, String message,
        Instant sharedAt, Instant expiresAt) {

    public static PortalShareResponse of(Share s) {
        return new PortalShareResponse(s.id(), s.resourceType(), s.resourceId(), s.title(), s.accessLevel(), s.message(), s.createdAt(),
                s.expiresAt());
    }
}
