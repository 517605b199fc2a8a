package dev.lexguard.platform.events.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A LexGuard event: a CloudEvents 1.0 envelope in structured JSON mode with the LexGuard extensions
 * {@code firmid}, {@code actorid}, {@code actortype} and the optional {@code matterid}.
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
        JsonNode data) {

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

    public Optional<UUID> matter() {
        return Optional.ofNullable(matterId);
    }
}
