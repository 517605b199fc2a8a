package dev.lexguard.identity.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.DeadLetters;
import dev.lexguard.identity.EventsProducer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.Member;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Whoever holds permissions-service's Kafka credentials can write lexguard.permissions.events, but cannot speak for
 * another service there: an event claiming identity-service as its source, or carrying another service's type, is
 * dead-lettered as foreign-source and changes nothing (today's tokens would otherwise carry what it grants).
 */
@QuarkusTest
class ForeignSourceTest {

    private static final String DEAD_LETTERS = "lexguard.identity.dlq";

    @Test
    void eventsOfAnotherProducerOnThePermissionsTopicGrantNothing() {
        TestFirm firm = Fixtures.firm();
        Member member = Fixtures.member(firm);
        Map<String, Object> administrator = Map.of("userId", member.userId(), "permissions", List.of("administrator"),
                "previousPermissions", List.of(), "directPermissions", List.of("administrator"), "roleIds", List.of(),
                "owner", false);
        UUID claimsIdentity = EventsProducer.publish(EventsProducer.PERMISSIONS_TOPIC, "identity-service",
                "dev.lexguard.permissions.accountpermissions.changed", firm.firmId(), member.userId(), firm.ownerId(),
                administrator);
        UUID foreignType = EventsProducer.publish(EventsProducer.PERMISSIONS_TOPIC, "permissions-service",
                "dev.lexguard.sessions.session.disowned", firm.firmId(), member.userId(), firm.ownerId(),
                Map.of("sessionId", UUID.randomUUID().toString(), "userId", member.userId()));
        // a genuine event after both: once it is consumed, the two before it have been read
        UUID genuine = EventsProducer.permissions("accountpermissions.changed", firm.firmId(), member.userId(), firm.ownerId(),
                Map.of("userId", member.userId(), "permissions", List.of("billing"), "previousPermissions", List.of(),
                        "directPermissions", List.of("billing"), "roleIds", List.of(), "owner", false));
        await().atMost(Duration.ofSeconds(60)).until(() -> EventsProducer.consumed(PermissionsEventsConsumer.CONSUMER, genuine));

        assertThat(DeadLetters.reasonFor(DEAD_LETTERS, claimsIdentity, Duration.ofSeconds(60)))
                .startsWith("foreign-source: event " + claimsIdentity).contains("/identity-service");
        assertThat(DeadLetters.reasonFor(DEAD_LETTERS, foreignType, Duration.ofSeconds(60)))
                .startsWith("foreign-source: event " + foreignType).contains("dev.lexguard.sessions.session.disowned");
        assertThat(EventsProducer.consumed(PermissionsEventsConsumer.CONSUMER, claimsIdentity)).isFalse();
        assertThat(EventsProducer.consumed(PermissionsEventsConsumer.CONSUMER, foreignType)).isFalse();
        String token = Fixtures.login(member.email(), member.password(), Fixtures.uniqueIp()).statusCode(200)
                .extract().path("accessToken");
        JsonNode claims = Jwts.claims(token);
        assertThat(StreamSupport.stream(claims.path("groups").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactly("billing");
    }
}
