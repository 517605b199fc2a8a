package dev.lexguard.permissions.rules;

import java.util.UUID;

/** A group through which access is granted; {@code name} is null where the deciding service does not know names. */
public record GroupRef(UUID id, String name) {
}
