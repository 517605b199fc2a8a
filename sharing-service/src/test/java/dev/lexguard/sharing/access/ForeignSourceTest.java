package dev.lexguard.sharing.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.devstack.DeadLetters;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whoever holds permissions-service's Kafka credentials cannot speak for identity-service on
 * lexguard.permissions.events, nor make this service believe another service's type there: such events are
 * dead-lettered as foreign-source and grant nothing.
 */
@QuarkusTest
class ForeignSourceTest {

    private static final String DEAD_LETTERS = "lexguard.sharing.dlq";

    @Test
    void eventsOfAnotherProducerOnThePermissionsTopicGrantNothing() {
        TestFirm firm = Fixtures.firm();
        UUID user = Fixtures.user(firm);
        firm.as(user).get("/api/v1/shares").then().statusCode(403);

        CloudEvent claimsIdentity = Upstream.sendAs("permissions", "/identity-service",
                "dev.lexguard.permissions.accountpermissions.changed", firm.firmId(), user.toString(),
                Map.of("userId", user.toString(), "permissions", List.of("administrator"), "previousPermissions", List.of(),
                        "directPermissions", List.of("administrator"), "roleIds", List.of(), "owner", false));
        CloudEvent foreignType = Upstream.sendAs("permissions", "/permissions-service", "dev.lexguard.identity.firm.created",
                firm.firmId(), firm.firmId().toString(),
                Map.of("firmId", firm.firmId().toString(), "name", "Taken over", "ownerId", user.toString()));
        // a genuine event after both: once it is consumed, the two before it have been read
        Upstream.permissions(firm.firmId(), user, List.of("billing"));

        assertThat(DeadLetters.reasonFor(DEAD_LETTERS, claimsIdentity.id(), Duration.ofSeconds(60)))
                .startsWith("foreign-source: event " + claimsIdentity.id()).contains("/identity-service");
        assertThat(DeadLetters.reasonFor(DEAD_LETTERS, foreignType.id(), Duration.ofSeconds(60)))
                .startsWith("foreign-source: event " + foreignType.id()).contains("dev.lexguard.identity.firm.created");
        assertThat(Upstream.count("select count(*) from lexguard_consumed_event where event_id in (?, ?)",
                claimsIdentity.id(), foreignType.id())).isZero();
        firm.as(user).get("/api/v1/shares").then().statusCode(403);
    }
}
