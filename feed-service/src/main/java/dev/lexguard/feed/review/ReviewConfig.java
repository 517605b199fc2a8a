package dev.lexguard.feed.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code lexguard.feed.review.*}: feed reviews, per deployment (each firm sets its own interval and reviewers). */
@ConfigMapping(prefix = "lexguard.feed.review")
public interface ReviewConfig {

    /** How long after a review falls due it counts as overdue (one dev.lexguard.feed.review.overdue per period). */
    @WithDefault("P2D")
    Duration overdueAfter();

    /** How often the periodic check looks for reviews that fell due or overdue. */
    @WithDefault("15m")
    Duration checkInterval();

    /** At most this many entry ids per section of a digest (the newest); the counts are always complete. */
    @WithDefault("50")
    int entriesPerSection();
}
