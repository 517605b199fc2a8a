package dev.lexguard.platform.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** {@code lexguard.events.*}; defaults for the derived names live in META-INF/microprofile-config.properties. */
@ConfigMapping(prefix = "lexguard.events")
public interface EventsConfig {

    /** Short service name, e.g. {@code identity}; the other names derive from it. */
    String service();

    /** CloudEvents {@code source}, default {@code /<service>-service}. */
    String source();

    /** Topic the relay publishes to, default {@code lexguard.<service>.events}. */
    String topic();

    /** Topic poison records go to, default {@code lexguard.<service>.dlq}. */
    String deadLetterTopic();

    Relay relay();

    Consumer consumer();

    interface Relay {

        /** Whether this instance runs the outbox relay. */
        @WithDefault("true")
        boolean enabled();

        /** Rows sent per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Fallback poll when no NOTIFY arrives. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** First wait after a failed batch; doubles up to {@link #backoffMax()}. */
        @WithDefault("200ms")
        Duration backoffInitial();

        @WithDefault("30s")
        Duration backoffMax();

        /** Producer {@code delivery.timeout.ms}: how long a batch waits for its acks at most. */
        @WithDefault("30s")
        Duration deliveryTimeout();

        /** Sent rows older than this are deleted. */
        @WithDefault("P7D")
        Duration retention();

        @WithDefault("1h")
        Duration purgeInterval();

        /** Key of the transaction-level advisory lock that lets one replica publish at a time. */
        @WithDefault("7305668392114519040")
        long lockKey();

        /** Timeout of the broker check in the readiness probe. */
        @WithDefault("3s")
        Duration healthTimeout();

        /** Extra kafka-clients producer properties, e.g. {@code lexguard.events.relay.producer."security.protocol"}. */
        Map<String, String> producer();
    }

    interface Consumer {

        /** Attempts of a failing handler before its record goes to the dead-letter topic. */
        @WithDefault("5")
        int attempts();

        @WithDefault("200ms")
        Duration backoffInitial();

        @WithDefault("5s")
        Duration backoffMax();
    }
}
