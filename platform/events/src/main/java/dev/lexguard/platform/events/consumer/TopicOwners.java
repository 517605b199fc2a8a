package dev.lexguard.platform.events.consumer;

import dev.lexguard.platform.events.envelope.CloudEvent;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which producer may speak on which topic, checked on every consumed event as defence in depth behind the broker's
 * ACLs (a producer's credentials may leak; its events must still not pass for another's):
 * <ul>
 * <li>{@code lexguard.<name>.events} carries only events of source {@code /<name>-service} with types
 * {@code dev.lexguard.<name>.*}; {@code lexguard.gateway.events} only source {@code /gateway} with types
 * {@code dev.lexguard.gateway.*};</li>
 * <li>{@code lexguard.activity.events}, the practice-management core's, carries only {@code dev.lexguard.activity.*}
 * types, under a source that is not one of LexGuard's own services;</li>
 * <li>any other topic has no known owner, so nothing on it is believed.</li>
 * </ul>
 * An event that breaks the rule is dead-lettered with the reason {@value #REASON} and nothing of it is applied.
 */
public final class TopicOwners {

    /** The start of the dead-letter reason, and the metric's tag. */
    public static final String REASON = "foreign-source";
    public static final String ACTIVITY_TOPIC = "lexguard.activity.events";
    public static final String GATEWAY_TOPIC = "lexguard.gateway.events";
    private static final Pattern SERVICE_TOPIC = Pattern.compile("^lexguard\\.([a-z][a-z0-9]*)\\.events$");
    private static final Pattern SERVICE_SOURCE = Pattern.compile("^/[a-z][a-z0-9]*-service$");
    private static final Set<String> GATEWAY_SOURCES = Set.of("/gateway");

    private TopicOwners() {
    }

    /** Why {@code event} may not be believed when read from {@code topic}; empty when its producer owns the topic. */
    public static Optional<String> violation(String topic, CloudEvent event) {
        if (ACTIVITY_TOPIC.equals(topic)) {
            if (!event.type().startsWith("dev.lexguard.activity.")) {
                return refuse(topic, event, "only dev.lexguard.activity.* types");
            }
            if (SERVICE_SOURCE.matcher(event.source()).matches() || GATEWAY_SOURCES.contains(event.source())) {
                return refuse(topic, event, "no LexGuard service as source");
            }
            return Optional.empty();
        }
        if (GATEWAY_TOPIC.equals(topic)) {
            return owned(topic, event, "/gateway", "dev.lexguard.gateway.");
        }
        Matcher service = SERVICE_TOPIC.matcher(topic == null ? "" : topic);
        if (service.matches()) {
            return owned(topic, event, "/" + service.group(1) + "-service", "dev.lexguard." + service.group(1) + ".");
        }
        return refuse(topic, event, "a topic with a known owner");
    }

    private static Optional<String> owned(String topic, CloudEvent event, String source, String typePrefix) {
        if (!source.equals(event.source()) || !event.type().startsWith(typePrefix)) {
            return refuse(topic, event, "source " + source + " and " + typePrefix + "* types");
        }
        return Optional.empty();
    }

    private static Optional<String> refuse(String topic, CloudEvent event, String expected) {
        return Optional.of(REASON + ": event " + event.id() + " of type " + event.type() + " from " + event.source()
                + " on " + topic + ", which takes " + expected);
    }
}
