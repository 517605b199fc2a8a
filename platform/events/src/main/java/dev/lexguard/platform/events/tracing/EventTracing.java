package dev.lexguard.platform.events.tracing;

import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trace context in events: the W3C context an event is written in (its {@code traceparent} / {@code tracestate}
 * attributes), and the span of a consumer's handling of an event, a child of that context. With tracing off (no
 * OTLP endpoint: the SDK is disabled) there is no current span, nothing is written and the spans are no-ops.
 */
@ApplicationScoped
public class EventTracing {

    /** The key platform/web's request-id filter puts the request id under in the logging MDC. */
    public static final String REQUEST_ID_MDC_KEY = "requestId";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<CloudEvent> FROM_EVENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CloudEvent event) {
            return List.of(CloudEventCodec.TRACEPARENT, CloudEventCodec.TRACESTATE);
        }

        @Override
        public String get(CloudEvent event, String key) {
            if (event == null) {
                return null;
            }
            return switch (key) {
                case CloudEventCodec.TRACEPARENT -> event.traceparent();
                case CloudEventCodec.TRACESTATE -> event.tracestate();
                default -> null;
            };
        }
    };

    private final Tracer tracer;

    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The W3C trace context of the current span; both null outside any sampled or unsampled trace. */
    public record W3cContext(String traceparent, String tracestate) {

        static final W3cContext NONE = new W3cContext(null, null);
    }

    public static W3cContext current() {
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        String traceparent = carrier.get(CloudEventCodec.TRACEPARENT);
        if (traceparent == null) {
            return W3cContext.NONE;
        }
        String tracestate = carrier.get(CloudEventCodec.TRACESTATE);
        return new W3cContext(traceparent, tracestate == null || tracestate.isEmpty() ? null : tracestate);
    }

    /** The trace context {@code event} was written in, or the root context when it carries none. */
    public static Context parentOf(CloudEvent event) {
        return W3C.extract(Context.root(), event, FROM_EVENT);
    }

    /**
     * Starts the span of {@code consumer} handling {@code event} read from {@code topic}: a consumer span whose parent
     * is the event's trace context, begun at {@code start} (null: now). The caller ends it.
     */
    public Span startHandling(String consumer, String topic, CloudEvent event, Instant start) {
        SpanBuilder builder = tracer.spanBuilder("process " + topic)
                .setParent(parentOf(event))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("cloudevents.event_id", event.id().toString())
                .setAttribute("cloudevents.event_type", event.type())
                .setAttribute("cloudevents.event_source", event.source())
                .setAttribute("lexguard.consumer", consumer);
        if (event.requestId() != null) {
            builder.setAttribute("lexguard.request_id", event.requestId());
        }
        if (start != null) {
            builder.setStartTimestamp(start);
        }
        return builder.startSpan();
    }

    /** {@code handling}, with {@code span} ended when it ends (an error status naming the failure's class when it fails). */
    public static <T> Uni<T> endingWith(Span span, Uni<T> handling) {
        return handling.onTermination().invoke((item, failure, cancelled) -> {
            if (failure != null) {
                // the class only: a failure's message may quote the event, and traces leave the service
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
            span.end();
        });
    }
}
