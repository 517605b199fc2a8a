package dev.lexguard.devstack;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who may do what on LexGuard's event bus: one SCRAM principal per service, least privilege. Each service writes
 * only its own events topic and its dead-letter topic, reads only the topics it consumes, and joins only consumer
 * groups named with its own prefix. {@code lexguard.activity.events} is written only by the practice-management
 * core's principal; integrators read and never write. The devstack creates exactly these ACLs, the Kubernetes
 * {@code KafkaUser}s and the Compose file grant the same (checked by deploy's tests), and docs/architecture.md
 * explains them.
 */
public final class KafkaAccess {

    /** The super user the devstack itself (and tests that set up topics) uses; never given to a service. */
    public static final String ADMIN = "admin";
    /** The KRaft controller's own principal, on the controller listener only. */
    static final String CONTROLLER = "controller";
    /** The SASL mechanism of every client principal. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    public static final String IDENTITY_EVENTS = "lexguard.identity.events";
    public static final String PERMISSIONS_EVENTS = "lexguard.permissions.events";
    public static final String SHARING_EVENTS = "lexguard.sharing.events";
    public static final String SESSIONS_EVENTS = "lexguard.sessions.events";
    public static final String GATEWAY_EVENTS = "lexguard.gateway.events";
    public static final String ACTIVITY_EVENTS = "lexguard.activity.events";
    /** The feed's own acts: retention changes and purges (the trail about the trail). */
    public static final String FEED_EVENTS = "lexguard.feed.events";

    /** Every events topic an integrator may be granted. */
    public static final List<String> EVENT_TOPICS = List.of(IDENTITY_EVENTS, PERMISSIONS_EVENTS, SHARING_EVENTS,
            SESSIONS_EVENTS, GATEWAY_EVENTS, ACTIVITY_EVENTS, FEED_EVENTS);

    public static final Principal IDENTITY = new Principal("identity-service",
            List.of(IDENTITY_EVENTS, "lexguard.identity.dlq"), List.of(SESSIONS_EVENTS, PERMISSIONS_EVENTS, SHARING_EVENTS));
    public static final Principal PERMISSIONS = new Principal("permissions-service",
            List.of(PERMISSIONS_EVENTS, "lexguard.permissions.dlq"), List.of(IDENTITY_EVENTS, ACTIVITY_EVENTS));
    public static final Principal SHARING = new Principal("sharing-service",
            List.of(SHARING_EVENTS, "lexguard.sharing.dlq"), List.of(IDENTITY_EVENTS, PERMISSIONS_EVENTS, ACTIVITY_EVENTS));
    public static final Principal SESSIONS = new Principal("sessions-service",
            List.of(SESSIONS_EVENTS, "lexguard.sessions.dlq"), List.of(IDENTITY_EVENTS, GATEWAY_EVENTS, PERMISSIONS_EVENTS));
    public static final Principal FEED = new Principal("feed-service",
            List.of(FEED_EVENTS, "lexguard.feed.dlq"),
            List.of(IDENTITY_EVENTS, PERMISSIONS_EVENTS, SHARING_EVENTS, SESSIONS_EVENTS, ACTIVITY_EVENTS));
    public static final Principal GATEWAY = new Principal("gateway", List.of(GATEWAY_EVENTS), List.of(SESSIONS_EVENTS, IDENTITY_EVENTS));
    /** The practice-management core: the only writer of activity events (the demo and the tests act as it). */
    public static final Principal PRACTICE_CORE = new Principal("practice-core", List.of(ACTIVITY_EVENTS), List.of());
    /** An example integrator: reads every events topic, writes nothing. */
    public static final Principal INTEGRATOR = new Principal("integrator", List.of(), EVENT_TOPICS);
    /**
     * mailer-service: reads what calls for a mail (identity's invitations and resets, sessions' unusual sign-ins,
     * sharing's expiring shares and due reviews, the feed's due reviews) and writes only its dead letters.
     */
    public static final Principal MAILER = new Principal("mailer-service", List.of("lexguard.mailer.dlq"),
            List.of(IDENTITY_EVENTS, SESSIONS_EVENTS, SHARING_EVENTS, FEED_EVENTS));

    /** Every client principal, in the order the devstack creates them. */
    public static final List<Principal> PRINCIPALS = List.of(IDENTITY, PERMISSIONS, SHARING, SESSIONS, FEED, GATEWAY,
            PRACTICE_CORE, INTEGRATOR, MAILER);

    private KafkaAccess() {
    }

    /** Every topic some principal writes or reads: the devstack creates them before granting anything. */
    public static List<String> topics() {
        return PRINCIPALS.stream().flatMap(p -> Stream.concat(p.writes().stream(), p.reads().stream())).distinct().sorted().toList();
    }

    public static Optional<Principal> principal(String name) {
        return PRINCIPALS.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The one principal allowed to write {@code topic}, if the topic is LexGuard's. */
    public static Optional<Principal> writerOf(String topic) {
        return PRINCIPALS.stream().filter(p -> p.writes().contains(topic)).findFirst();
    }

    /**
     * A Kafka principal ({@code User:<name>}): the topics it may write (and describe), the topics it may read, and
     * the prefix of the consumer groups it may use, which is its name.
     */
    public record Principal(String name, List<String> writes, List<String> reads) {

        public Principal {
            writes = List.copyOf(writes);
            reads = List.copyOf(reads);
        }

        public String groupPrefix() {
            return name;
        }
    }
}
