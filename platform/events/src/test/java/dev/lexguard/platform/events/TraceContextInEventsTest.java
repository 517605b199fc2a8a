package dev.lexguard.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.testapp.WidgetProjector;
import dev.lexguard.platform.events.testapp.WidgetService;
import dev.lexguard.platform.events.tracing.EventTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestBusResource.class, restrictToAnnotatedClass = true)
class TraceContextInEventsTest {

    private static final String TOPIC = "lexguard.test.events";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");

    @Inject
    WidgetService widgets;

    @Inject
    Tracer tracer;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void anEventWrittenInATracedRequestCarriesItsTraceparentAndRequestIdOnKafka() throws Exception {
        UUID firm = UUID.randomUUID();
        Traced traced = createInARequest(firm, "traced", "req-traced-1");
        CloudEvent event = traced.event();

        String traceId = traced.request().getSpanContext().getTraceId();
        String spanId = traced.request().getSpanContext().getSpanId();
        assertThat(event.traceparent()).isEqualTo("00-" + traceId + "-" + spanId + "-01");
        assertThat(event.requestId()).isEqualTo("req-traced-1");
        try (TopicProbe topic = new TopicProbe(TOPIC)) {
            ConsumerRecord<String, String> record = topic.awaitKey(firm.toString(), PATIENCE, r -> !r.isEmpty()).get(0);
            JsonNode published = JSON.readTree(record.value());
            assertThat(published.path("traceparent").asText()).isEqualTo(event.traceparent());
            assertThat(published.path("requestid").asText()).isEqualTo("req-traced-1");
        }
    }

    @Test
    void theConsumersHandlingIsAChildSpanOfTheEventsTraceparent() throws Exception {
        Traced traced = createInARequest(UUID.randomUUID(), "traced-consumed", "req-traced-2");
        CloudEvent event = traced.event();

        SpanData handling = await().atMost(PATIENCE).until(() -> handlingOf(event), Optional::isPresent).orElseThrow();
        assertThat(handling.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(handling.getTraceId()).isEqualTo(traced.request().getSpanContext().getTraceId());
        assertThat(handling.getParentSpanId()).isEqualTo(traced.request().getSpanContext().getSpanId());
        assertThat(handling.getName()).isEqualTo("process " + TOPIC);
        assertThat(handling.getAttributes().get(AttributeKey.stringKey("lexguard.consumer"))).isEqualTo(WidgetProjector.CONSUMER);
        assertThat(handling.getAttributes().get(AttributeKey.stringKey("cloudevents.event_type"))).isEqualTo(event.type());
    }

    @Test
    void anEventWrittenOutsideAnyTraceHasNoTraceparentAndItsHandlingStartsATrace() throws Exception {
        UUID firm = UUID.randomUUID();
        CloudEvent event = OnVertx.await(() -> widgets.create(firm, "untraced", 1));

        assertThat(event.traceparent()).isNull();
        assertThat(event.tracestate()).isNull();
        assertThat(event.requestId()).isNull();
        SpanData handling = await().atMost(PATIENCE).until(() -> handlingOf(event), Optional::isPresent).orElseThrow();
        assertThat(handling.getParentSpanContext().isValid()).isFalse();
    }

    private record Traced(Span request, CloudEvent event) {
    }

    /** Creates a widget as a traced request with that request id would: inside a server span, the id in the MDC. */
    private Traced createInARequest(UUID firm, String name, String requestId) {
        Span[] request = new Span[1];
        CloudEvent event = OnVertx.await(() -> {
            request[0] = tracer.spanBuilder("POST /widgets").setSpanKind(SpanKind.SERVER).startSpan();
            Scope scope = request[0].makeCurrent();
            MDC.put(EventTracing.REQUEST_ID_MDC_KEY, requestId);
            return widgets.create(firm, name, 1).onTermination().invoke(() -> {
                MDC.remove(EventTracing.REQUEST_ID_MDC_KEY);
                scope.close();
                request[0].end();
            });
        });
        return new Traced(request[0], event);
    }

    private Optional<SpanData> handlingOf(CloudEvent event) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(span -> event.id().toString().equals(span.getAttributes().get(EVENT_ID)))
                .findFirst();
    }
}
