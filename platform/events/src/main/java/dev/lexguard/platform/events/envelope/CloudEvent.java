package dev.lexguard.platform.events.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A LexGuard event: a CloudEvents 1.0 envelope in structured JSON mode with the LexGuard extensions
 * {@code firmid}, {@code actorid}, {@code actortype} and the optional {@code matterid}, and the optional
 * {@code traceparent} / {@code tracestate} of the CloudEvents distributed-tracing extension (the W3C trace context
 * the event was written in) and {@code requestid} (the {@code X-Request-Id} of the request that caused it).
 * {@code specversion} is always {@value #SPEC_VERSION} and {@code datacontenttype} always
 * {@value #DATA_CONTENT_TYPE}, so they are constants rather than components.
 */
public record CloudEvent(
        UUID id,
        String source,
        String type,
        Instant time,
        String subject,
        URI dataSchema,
        UUID firmId,
        String actorId,
        ActorType actorType,
        UUID matterId,
        JsonNode data,
        String traceparent,
        String tracestate,
        String requestId) {

    public static final String SPEC_VERSION = "1.0";
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Value of the Kafka {@code content-type} header for structured-mode CloudEvents. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(dataSchema, "dataSchema");
        Objects.requireNonNull(firmId, "firmId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(data, "data");
    }

    /** An event written outside any trace or request. */
    public CloudEvent(UUID id, String source, String type, Instant time, String subject, URI dataSchema, UUID firmId,
            String actorId, ActorType actorType, UUID matterId, JsonNode data) {
        this(id, source, type, time, subject, dataSchema, firmId, actorId, actorType, matterId, data, null, null, null);
    }

    public Optional<UUID> matter() {
        return Optional.ofNullable(matterId);
    }
}
