package dev.lexguard.permissions.access;

import java.util.UUID;

/** A matter the user may see; {@code access} is its mode (everyone | restricted). */
public record VisibleMatterResponse(UUID id, String displayNumber, String description, String status, String access) {
}
