package dev.lexguard.feed.review;

import java.util.List;
import java.util.UUID;

/** The firm's review interval (ISO-8601 period of whole days or weeks, P1D..P90D) and reviewers (empty: administrators). */
public record ReviewSettingsRequest(String interval, List<UUID> reviewers) {
}
