package dev.lexguard.permissions.groups;

import java.time.Instant;
import java.util.UUID;

/** A current member of a group, and since when. */
public record MemberResponse(UUID userId, String displayName, String status, Instant since) {
}
