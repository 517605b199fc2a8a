package dev.lexguard.sharing.contacts;

import dev.lexguard.sharing.contactrecords.Contact;
import java.time.Instant;
import java.util.UUID;

/** A contact; {@code portalAccessRequestedAt} is when its first share asked identity-service for a portal account. */
public record ContactResponse(UUID id, String name, String email, String kind, String source, Instant createdAt, Instant updatedAt,
        Instant portalAccessRequestedAt) {

    public static ContactResponse of(Contact c) {
        return new ContactResponse(c.id(), c.name(), c.email(), c.kind(), c.source(), c.createdAt(), c.updatedAt(),
                c.portalAccessRequestedAt());
    }
}
