package dev.lexguard.platform.events.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicOwnersTest {

    @Test
    void aServiceTopicCarriesItsOwnSourceAndTypesOnly() {
        assertThat(TopicOwners.violation("lexguard.permissions.events",
                event("/permissions-service", "dev.lexguard.permissions.accountpermissions.changed"))).isEmpty();
        assertThat(TopicOwners.violation("lexguard.permissions.events",
                event("/identity-service", "dev.lexguard.permissions.accountpermissions.changed")))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("foreign-source: ").contains("/identity-service"));
        assertThat(TopicOwners.violation("lexguard.permissions.events",
                event("/permissions-service", "dev.lexguard.identity.user.created"))).isPresent();
        assertThat(TopicOwners.violation("lexguard.permissions.events",
                event("/permissions-service", "dev.lexguard.activity.matter.created"))).isPresent();
        // a look-alike prefix is not the owner's
        assertThat(TopicOwners.violation("lexguard.sessions.events",
                event("/sessions-service", "dev.lexguard.sessionsx.session.revoked"))).isPresent();
    }

    @Test
    void theGatewayTopicCarriesTheGatewaysEventsOnly() {
        assertThat(TopicOwners.violation("lexguard.gateway.events", event("/gateway", "dev.lexguard.gateway.session.active"))).isEmpty();
        assertThat(TopicOwners.violation("lexguard.gateway.events",
                event("/gateway-service", "dev.lexguard.gateway.session.active"))).isPresent();
        assertThat(TopicOwners.violation("lexguard.gateway.events", event("/gateway", "dev.lexguard.sessions.session.revoked")))
                .isPresent();
    }

    @Test
    void activityEventsComeFromThePracticeCoreAndNowhereElse() {
        assertThat(TopicOwners.violation("lexguard.activity.events",
                event("/practice-core", "dev.lexguard.activity.matter.created"))).isEmpty();
        assertThat(TopicOwners.violation("lexguard.activity.events",
                event("/practice-core", "dev.lexguard.permissions.matter.registered"))).isPresent();
        assertThat(TopicOwners.violation("lexguard.activity.events",
                event("/permissions-service", "dev.lexguard.activity.matter.created"))).isPresent();
        assertThat(TopicOwners.violation("lexguard.activity.events", event("/gateway", "dev.lexguard.activity.matter.created")))
                .isPresent();
        assertThat(TopicOwners.violation("lexguard.identity.events",
                event("/identity-service", "dev.lexguard.activity.matter.created"))).isPresent();
    }

    @Test
    void aTopicWithoutAKnownOwnerIsBelievedNothing() {
        assertThat(TopicOwners.violation("someone.elses.topic", event("/identity-service", "dev.lexguard.identity.user.created")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("known owner"));
        assertThat(TopicOwners.violation("lexguard.identity.dlq", event("/identity-service", "dev.lexguard.identity.user.created")))
                .isPresent();
    }

    private static CloudEvent event(String source, String type) {
        return new CloudEvent(UUID.randomUUID(), source, type, Instant.now(), "s", URI.create("https://schemas.lexguard.dev/events/x/1.0.json"),
                UUID.randomUUID(), "actor", ActorType.USER, null, JsonNodeFactory.instance.objectNode());
    }
}
