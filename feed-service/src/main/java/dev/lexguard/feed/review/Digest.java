package dev.lexguard.feed.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a review period holds, as its reviewer may see it: the number of entries, the count per category, and the
 * sections a reviewer looks at first, each a complete count plus the newest entries' ids and links.
 */
public record Digest(long entries, Map<String, Long> byCategory, Sections sections) {

    public record Sections(Section unusualSignIns, Section permissionChanges, Section accessListChanges, Section newShares,
            Section extendedShares, Section twoFactorChanges, Section exports) {
    }

    /** {@code count} is complete; {@code entries} are the newest of them, at most lexguard.feed.review.entries-per-section. */
    public record Section(long count, List<EntryLink> entries) {
    }

    /** An entry and its API link ({@code GET /api/v1/feed/entries/{id}}). */
    public record EntryLink(UUID id, String href) {

        public static EntryLink of(UUID id) {
            return new EntryLink(id, "/api/v1/feed/entries/" + id);
        }
    }
}
