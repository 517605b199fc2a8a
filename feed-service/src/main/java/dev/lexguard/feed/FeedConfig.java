package dev.lexguard.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code lexguard.feed.*}: what the feed consumes, how long it keeps entries, how it reports lag. */
@ConfigMapping(prefix = "lexguard.feed")
public interface FeedConfig {

    /** The topics the feed consumes (also the channel's {@code topics}); the lag metric covers exactly these. */
    List<String> topics();

    /** The consumer group of the feed's channel, for the lag metric. */
    @WithDefault("${mp.messaging.incoming.feed-events.group.id:feed-service}")
    String groupId();

    /** Retention of a firm that has not set its own. Seven years. */
    @WithDefault("2557")
    int defaultRetentionDays();

    /** How often the retention purge runs over every firm. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** How often the consumer lag is measured. */
    @WithDefault("15s")
    Duration lagInterval();

    /** How often a live stream looks for new entries when no notification arrived (a safety net). */
    @WithDefault("5s")
    Duration streamPollInterval();

    /** Largest export, in entries: a longer range must be split. */
    @WithDefault("100000")
    int maxExportEntries();

    Retention retention();

    Stream stream();

    /** {@code lexguard.feed.retention.*}: per deployment, not per firm. */
    interface Retention {

        /** No firm keeps its entries for less than this (a firm asking for less gets 422); purges never go below it. */
        @WithDefault("P365D")
        Duration floor();
    }

    /** {@code lexguard.feed.stream.*}: the live feed. */
    interface Stream {

        /** A comment line ({@code : keep-alive}) at least this often, so proxies keep a quiet stream open. */
        @WithDefault("15s")
        Duration heartbeatInterval();

        /**
         * How far back the revocation follower reads at start-up: a session ended earlier than this can have no
         * live token (identity's access tokens live 15 minutes).
         */
        @WithDefault("20m")
        Duration revocationLookBack();
    }
}
