package dev.lexguard.sessions.policy;

import java.time.Instant;
import java.util.UUID;

/** The firm's lifetimes; {@code updatedAt}/{@code updatedBy} are null while the firm has never set any. */
public record PolicyResponse(Lifetime users, Lifetime administrators, Lifetime contacts, Instant updatedAt,
        UUID updatedBy) {

    public static final PolicyResponse NONE = new PolicyResponse(new Lifetime(null, null), new Lifetime(null, null),
            new Lifetime(null, null), null, null);
}
