package dev.lexguard.feed.review;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A completed review: a note and the entries of the period the reviewer flags for follow-up. */
public record ReviewRequest(@Size(max = 4000) String note, @Size(max = 500) List<UUID> flaggedEntryIds) {
}
