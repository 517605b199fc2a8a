package dev.lexguard.platform.events.consumer;

import dev.lexguard.platform.events.catalogue.EventValidator;
import dev.lexguard.platform.events.config.EventsConfig;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.events.envelope.MalformedEventException;
import dev.lexguard.platform.events.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs a handler at most once per (consumer, event id): the consumed-event row and the handler's
 * effect commit in one reactive transaction, so a redelivered event changes nothing. Call it from an
 * {@code @Incoming} method and return its {@code Uni}; a failed {@code Uni} nacks the record, which
 * the connector's dead-letter strategy (configured by this module) sends to the dead-letter topic.
 */
@ApplicationScoped
public class IdempotentConsumer {

    static final String MARK_CONSUMED = """
            insert into lexguard_consumed_event (consumer, event_id) values (:consumer, :eventId)
            on conflict do nothing""";

    private final EventValidator validator;
    private final EventsConfig.Consumer settings;
    private final MeterRegistry registry;
    private final EventTracing tracing;

    public IdempotentConsumer(EventValidator validator, EventsConfig config, MeterRegistry registry, EventTracing tracing) {
        this.validator = validator;
        this.settings = config.consumer();
        this.registry = registry;
        this.tracing = tracing;
    }

    public Uni<Void> consume(String consumer, ConsumerRecord<?, ?> record, Function<CloudEvent, Uni<Void>> handler) {
        Object value = record.value();
        String payload = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
        return consume(consumer, record.topic(), payload, handler);
    }

    /**
     * Parses and checks {@code payload} read from {@code topic} (its envelope, that the topic's owner produced it, its
     * data), then runs {@code handler} inside a transaction unless this consumer already processed the event. Handler
     * failures other than {@link PoisonEventException} are retried with exponential backoff
     * ({@code lexguard.events.consumer.*}). The handling, retries included, is one consumer span, a child of the event's
     * {@code traceparent}.
     */
    public Uni<Void> consume(String consumer, String topic, String payload, Function<CloudEvent, Uni<Void>> handler) {
        CloudEvent event;
        try {
            event = CloudEventCodec.read(payload);
        } catch (MalformedEventException e) {
            return poison(consumer, "malformed event: " + e.getMessage(), e);
        }
        Optional<String> foreign = TopicOwners.violation(topic, event);
        if (foreign.isPresent()) {
            registry.counter("lexguard.events.consumer.foreign", "consumer", consumer, "topic", topic).increment();
            return poison(consumer, foreign.get(), null);
        }
        Optional<String> violation = validator.violationOnConsume(event);
        if (violation.isPresent()) {
            return poison(consumer, "event " + event.id() + " is invalid: " + violation.get(), null);
        }
        return Uni.createFrom().deferred(() -> {
            Span span = tracing.startHandling(consumer, topic, event, null);
            return EventTracing.endingWith(span, handleWithRetries(consumer, event, handler));
        });
    }

    private Uni<Void> handleWithRetries(String consumer, CloudEvent event, Function<CloudEvent, Uni<Void>> handler) {
        return Uni.createFrom().deferred(() -> handleOnce(consumer, event, handler))
                .onFailure(failure -> !(failure instanceof PoisonEventException)).retry()
                .withBackOff(settings.backoffInitial(), settings.backoffMax())
                .atMost(Math.max(0, settings.attempts() - 1))
                .onFailure(failure -> !(failure instanceof PoisonEventException)).transform(failure -> {
                    registry.counter("lexguard.events.consumer.failures", "consumer", consumer).increment();
                    return new EventHandlingException("consumer " + consumer + " failed on event " + event.id()
                            + " after " + settings.attempts() + " attempts: " + failure.getMessage(), failure);
                });
    }

    private Uni<Void> handleOnce(String consumer, CloudEvent event, Function<CloudEvent, Uni<Void>> handler) {
        return Panache.withTransaction(() -> markConsumed(consumer, event.id())
                .chain(firstTime -> {
                    if (!firstTime) {
                        Log.debugf("consumer %s skips event %s: already consumed", consumer, event.id());
                        registry.counter("lexguard.events.consumer.duplicates", "consumer", consumer).increment();
                        return Uni.createFrom().voidItem();
                    }
                    registry.counter("lexguard.events.consumer.handled", "consumer", consumer).increment();
                    return handler.apply(event);
                }));
    }

    private Uni<Boolean> markConsumed(String consumer, UUID eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK_CONSUMED)
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate()
                .map(inserted -> inserted == 1));
    }

    private Uni<Void> poison(String consumer, String reason, Throwable cause) {
        registry.counter("lexguard.events.consumer.poison", "consumer", consumer).increment();
        Log.warnf("consumer %s: %s", consumer, reason);
        return Uni.createFrom().failure(new PoisonEventException(reason, cause));
    }
}
