package dev.lexguard.platform.events.testapp;

import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The test application's consumer: records each handled event in widget_effect and widget_tally. */
@ApplicationScoped
public class WidgetProjector {

    public static final String CONSUMER = "widget-projector";
    /** Names starting with this fail twice before they succeed, like a handler hitting a transient error. */
    public static final String FLAKY_PREFIX = "flaky-";
    /** Names starting with this fail on every attempt. */
    public static final String DOOMED_PREFIX = "doomed-";

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private final IdempotentConsumer consumer;

    public WidgetProjector(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    public static int attempts(String name) {
        AtomicInteger attempts = ATTEMPTS.get(name);
        return attempts == null ? 0 : attempts.get();
    }

    @Incoming("widgets")
    public Uni<Void> project(ConsumerRecord<String, String> record) {
        return consumer.consume(CONSUMER, record, this::apply);
    }

    private Uni<Void> apply(CloudEvent event) {
        String name = event.data().path("name").asText(null);
        if (name != null && name.startsWith(DOOMED_PREFIX)) {
            ATTEMPTS.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("permanent failure for " + name));
        }
        if (name != null && name.startsWith(FLAKY_PREFIX)
                && ATTEMPTS.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet() < 3) {
            return Uni.createFrom().failure(new IllegalStateException("transient failure for " + name));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        insert into widget_effect (event_id, firm_id, event_type, subject, name)
                        values (:eventId, :firmId, :type, :subject, :name)""")
                        .setParameter("eventId", event.id())
                        .setParameter("firmId", event.firmId())
                        .setParameter("type", event.type())
                        .setParameter("subject", event.subject())
                        .setParameter("name", name == null ? "(none)" : name)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                insert into widget_tally (firm_id, events) values (:firmId, 1)
                                on conflict (firm_id) do update set events = widget_tally.events + 1""")
                                .setParameter("firmId", event.firmId())
                                .executeUpdate()))
                .replaceWithVoid();
    }
}
