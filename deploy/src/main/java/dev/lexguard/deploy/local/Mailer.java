package dev.lexguard.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.ConnectionSettings;
import dev.lexguard.devstack.KafkaAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a firm's mailer integration does with invitations: reads {@code dev.lexguard.identity.user.invited} (and
 * {@code portal.invited} for clients) from Kafka and mints each invitation's one-time link on identity-service's internal API with its key. The demo and
 * the system tests use it to learn the links a real mailer would send.
 */
public final class Mailer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> kafka;
    private final URI identity;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Reads Kafka as the {@code mailer} principal of {@code kafka}'s devstack (identity's events only). */
    public Mailer(ConnectionSettings kafka, URI identity, String mailerKey) {
        this.kafka = kafka.kafkaClientConfig(KafkaAccess.MAILER.name());
        this.identity = identity;
        this.key = mailerKey;
    }

    /** The invitation token (the last segment of the mailed link) of each user, waiting up to {@code timeout}. */
    public Map<UUID, String> invitationTokens(Collection<UUID> users, Duration timeout) throws IOException, InterruptedException {
        return tokens("dev.lexguard.identity.user.invited", "userId", "invitations", users, timeout);
    }

    /**
     * The client-portal invitation token of each contact (identity-service invites a contact after their first
     * share: {@code dev.lexguard.identity.portal.invited}), waiting up to {@code timeout}.
     */
    public Map<UUID, String> portalInvitationTokens(Collection<UUID> contacts, Duration timeout)
            throws IOException, InterruptedException {
        return tokens("dev.lexguard.identity.portal.invited", "accountId", "portal-invitations", contacts, timeout);
    }

    private Map<UUID, String> tokens(String type, String idField, String linkKind, Collection<UUID> ids, Duration timeout)
            throws IOException, InterruptedException {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put("group.id", KafkaAccess.MAILER.groupPrefix() + "-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        Set<UUID> waiting = new HashSet<>(ids);
        Map<UUID, String> tokens = new HashMap<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("lexguard.identity.events"));
            while (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no " + type + " event for " + waiting + " within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (!type.equals(event.path("type").asText())) {
                        continue;
                    }
                    UUID id = UUID.fromString(event.path("data").path(idField).asText());
                    if (waiting.remove(id)) {
                        tokens.put(id, mint(linkKind, event.path("data").path("invitationId").asText()));
                    }
                }
            }
        }
        return tokens;
    }

    private String mint(String linkKind, String invitationId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(identity.resolve("/internal/v1/mail-links/" + linkKind + "/" + invitationId))
                .timeout(Duration.ofSeconds(30)).header("X-Mailer-Key", key).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("minting the invitation link answered " + response.statusCode() + ": " + response.body());
        }
        String link = JSON.readTree(response.body()).path("link").asText();
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
