package dev.lexguard.gateway.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lexguard.gateway.testsupport.Tokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With an OTLP endpoint configured (here: spans kept in memory), each proxied request is traced and its context sent upstream. */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @ApplicationScoped
    public static class FinishedSpans {

        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void forget() {
        spans.reset();
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceOfOneServerSpanWhoseContextGoesUpstream() {
        String upstream = given().header("Authorization", "Bearer " + Tokens.user()).get("/api/v1/users")
                .then().statusCode(200).extract().path("headers.traceparent[0]");
        String[] parts = upstream.split("-");

        List<SpanData> trace = await().atMost(PATIENCE).until(() -> trace(parts[1]),
                spans -> spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER)
                        && spans.stream().anyMatch(span -> span.getSpanId().equals(parts[2])));
        List<SpanData> server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
        assertThat(server).hasSize(1);
        assertThat(server.get(0).getParentSpanContext().isValid()).isFalse();
        assertThat(server.get(0).getAttributes().asMap().values()).anyMatch(value -> "/api/v1/users".equals(value.toString()));
        SpanData forwarded = trace.stream().filter(span -> span.getSpanId().equals(parts[2])).findFirst().orElseThrow();
        assertThat(forwarded.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(forwarded.getParentSpanId()).isEqualTo(server.get(0).getSpanId());
        assertThat(parts[3]).isEqualTo("01");
    }

    @Test
    void aClientsTraceIsContinuedAndSampledWhateverItsFlags() {
        String client = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        String upstream = given().header("Authorization", "Bearer " + Tokens.user()).header("traceparent", client)
                .get("/api/v1/users").then().statusCode(200).extract().path("headers.traceparent[0]");

        assertThat(upstream).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01").isNotEqualTo(client);
        List<SpanData> trace = await().atMost(PATIENCE).until(() -> trace("4bf92f3577b34da6a3ce929d0e0e4736"),
                spans -> spans.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        SpanData server = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
