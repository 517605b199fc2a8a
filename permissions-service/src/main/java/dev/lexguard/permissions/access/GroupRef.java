package dev.lexguard.permissions.access;

import java.util.UUID;

/** A group through which access is granted. */
public record GroupRef(UUID id, String name) {
}
