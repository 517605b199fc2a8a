package dev.lexguard.feed.reading;

import java.util.UUID;

/**
 * The reader as the projection knows them now: a user the feed has not heard of, or a deactivated one, sees no
 * matter at all (permissions-service's rule); administrators see security entries and every matter they are
 * not blocked from.
 */
public record Reader(UUID firmId, UUID userId, boolean active, boolean administrator) {
}
