package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.system.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 20: a request through the gateway that changes a matter's access list is one trace, as received by a real
 * OTLP/HTTP endpoint every process exports to: the gateway's request, permissions-service's, and the feed's ingestion
 * of the event permissions-service wrote, each a child of the one before.
 */
@ExtendWith(TheSystem.class)
class TracingStoryIT {

    private static final int SERVER = 2;
    private static final int CONSUMER = 5;

    @Test
    void anAccessChangeThroughTheGatewayIsOneTraceFromTheGatewayToTheFeedsIngestion() {
        Firm firm = Firm.signUp("Traced LLP");
        String owner = firm.ownerToken();
        String matter = TheSystem.as(owner).body(Map.of("displayNumber", "2026-0020", "description", "Traced matter",
                "status", "open")).post("/api/v1/matters").then().statusCode(201).extract().path("id");

        String traceId = UUID.randomUUID().toString().replace("-", "");
        TheSystem.as(owner).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(Map.of("mode", "restricted", "groupIds", List.of(), "userIds", List.of(), "blockedUserIds", List.of()))
                .put("/api/v1/matters/" + matter + "/access").then().statusCode(200);

        // each process exports on its own schedule (batches every few seconds): wait for the three spans, whatever order
        // they arrive in
        List<ReceivedSpan> trace = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> OtlpReceiver.shared().trace(traceId), spans -> has(spans, "gateway", SERVER)
                        && has(spans, "permissions-service", SERVER) && has(spans, "feed-service", CONSUMER));
        Set<String> services = trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
        assertThat(services).contains("gateway", "permissions-service", "feed-service");

        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, span -> span));
        ReceivedSpan gateway = trace.stream().filter(span -> span.service().equals("gateway") && span.kind() == SERVER)
                .findFirst().orElseThrow();
        assertThat(gateway.parentSpanId()).as("the client's span").isEqualTo("00f067aa0ba902b7");
        ReceivedSpan permissions = trace.stream().filter(span -> span.service().equals("permissions-service")
                && span.kind() == SERVER).findFirst().orElseThrow();
        assertThat(ancestors(permissions, byId)).as("permissions-service's request descends from the gateway's")
                .contains(gateway.spanId());
        ReceivedSpan ingestion = trace.stream().filter(span -> span.service().equals("feed-service") && span.kind() == CONSUMER)
                .findFirst().orElseThrow();
        assertThat(ingestion.name()).isEqualTo("process lexguard.permissions.events");
        assertThat(ancestors(ingestion, byId)).as("the feed's ingestion descends from permissions-service's request")
                .contains(permissions.spanId(), gateway.spanId());
    }

    private static boolean has(List<ReceivedSpan> spans, String service, int kind) {
        return spans.stream().anyMatch(span -> span.service().equals(service) && span.kind() == kind);
    }

    private static List<String> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
        List<String> ancestors = new ArrayList<>();
        for (ReceivedSpan parent = byId.get(span.parentSpanId()); parent != null; parent = byId.get(parent.parentSpanId())) {
            ancestors.add(parent.spanId());
        }
        return ancestors;
    }
}
