package dev.lexguard.sessions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.sessions.EventsProducer;
import dev.lexguard.sessions.Fixtures;
import dev.lexguard.sessions.Fixtures.TestFirm;
import dev.lexguard.sessions.SessionsTopic;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The firm's lifetimes and the job that enforces them (every 2 s in tests). */
@QuarkusTest
class SessionPolicyTest {

    @Inject
    AdministratorRepository administrators;

    private static Map<String, Object> lifetime(Integer idle, Integer absolute) {
        Map<String, Object> lifetime = new HashMap<>();
        lifetime.put("idleMinutes", idle);
        lifetime.put("absoluteMinutes", absolute);
        return lifetime;
    }

    private static Map<String, Object> policy(Map<String, Object> users, Map<String, Object> administrators,
            Map<String, Object> contacts) {
        return Map.of("users", users, "administrators", administrators, "contacts", contacts);
    }

    @Test
    void aFirmWithoutAPolicyHasNoLimits() {
        Fixtures.firm().asAdmin().get("/api/v1/sessions/policy").then().statusCode(200)
                .body("users.idleMinutes", nullValue()).body("administrators.absoluteMinutes", nullValue())
                .body("updatedAt", nullValue());
    }

    @Test
    void anAdministratorSetsAndReadsThePolicy() {
        TestFirm firm = Fixtures.firm();
        firm.asAdmin().body(policy(lifetime(480, 1440), lifetime(30, 720), lifetime(60, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200)
                .body("users.idleMinutes", equalTo(480)).body("administrators.absoluteMinutes", equalTo(720))
                .body("contacts.absoluteMinutes", nullValue()).body("updatedBy", equalTo(firm.adminId().toString()));
        firm.asAdmin().get("/api/v1/sessions/policy").then().statusCode(200)
                .body("administrators.idleMinutes", equalTo(30)).body("updatedAt", notNullValue());
        Fixtures.firm().asAdmin().get("/api/v1/sessions/policy").then().statusCode(200).body("users.idleMinutes", nullValue());
    }

    @Test
    void badPoliciesAreProblems() {
        TestFirm firm = Fixtures.firm();
        firm.asAdmin().body(policy(lifetime(0, 1440), lifetime(30, 720), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed"))
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("idleMinutes")));
        firm.asAdmin().body(policy(lifetime(600, 60), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/idle-exceeds-absolute"));
        firm.asAdmin().body(Map.of("users", lifetime(30, 60))).put("/api/v1/sessions/policy").then().statusCode(400);
        firm.asAdmin().body("{\"users\":{\"idleMinutes\":\"thirty\"}}").put("/api/v1/sessions/policy").then().statusCode(400);
        UUID user = UUID.randomUUID();
        firm.as(user, UUID.randomUUID()).body(policy(lifetime(30, 60), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(403);
        firm.as(user, UUID.randomUUID()).get("/api/v1/sessions/policy").then().statusCode(403);
    }

    @Test
    void aPolicyChangePublishesThePreviousValueOfEachChangedLifetime() {
        TestFirm firm = Fixtures.firm();
        String firmId = firm.firmId().toString();
        firm.asAdmin().body(policy(lifetime(480, 1440), lifetime(30, 720), lifetime(60, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200);
        firm.asAdmin().body(policy(lifetime(480, 1440), lifetime(15, 720), lifetime(60, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200).body("administrators.idleMinutes", equalTo(15));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode first = topic.await("dev.lexguard.sessions.policy.changed",
                    e -> e.path("firmid").asText().equals(firmId) && e.at("/data/administratorIdleMinutes").asInt() == 30);
            assertThat(first.path("subject").asText()).isEqualTo(firmId);
            assertThat(first.path("actorid").asText()).isEqualTo(firm.adminId().toString());
            assertThat(first.path("actortype").asText()).isEqualTo("user");
            assertThat(first.at("/data/userIdleMinutes").asInt()).isEqualTo(480);
            assertThat(first.at("/data/contactAbsoluteMinutes").isNull()).isTrue();
            // the firm had no limits before: every lifetime it set was null, the one it left unlimited is not repeated
            JsonNode previous = first.at("/data/previous");
            assertThat(previous.size()).isEqualTo(5);
            assertThat(previous.path("userIdleMinutes").isNull()).isTrue();
            assertThat(previous.has("contactAbsoluteMinutes")).isFalse();

            JsonNode second = topic.await("dev.lexguard.sessions.policy.changed",
                    e -> e.path("firmid").asText().equals(firmId) && e.at("/data/administratorIdleMinutes").asInt() == 15);
            assertThat(second.at("/data/previous").size()).isEqualTo(1);
            assertThat(second.at("/data/previous/administratorIdleMinutes").asInt()).isEqualTo(30);
        }
    }

    @Test
    void aPutThatChangesNoLifetimePublishesNothingAndKeepsTheLastChange() {
        TestFirm firm = Fixtures.firm();
        String firmId = firm.firmId().toString();
        String updatedAt = firm.asAdmin().body(policy(lifetime(480, 1440), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200).extract().path("updatedAt");
        firm.asAdmin().body(policy(lifetime(480, 1440), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200).body("updatedAt", equalTo(updatedAt))
                .body("users.idleMinutes", equalTo(480));
        // a later real change is published after anything the unchanged PUT could have published
        firm.asAdmin().body(policy(lifetime(480, 1440), lifetime(null, null), lifetime(45, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200);
        try (SessionsTopic topic = new SessionsTopic()) {
            topic.await("dev.lexguard.sessions.policy.changed",
                    e -> e.path("firmid").asText().equals(firmId) && e.at("/data/contactIdleMinutes").asInt() == 45);
            assertThat(topic.forFirm(firmId).stream()
                    .filter(e -> e.path("type").asText().equals("dev.lexguard.sessions.policy.changed"))).hasSize(2);
        }
        Fixtures.firm().asAdmin().body(policy(lifetime(null, null), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200).body("updatedAt", nullValue());
    }

    @Test
    void idleExpiryEndsAnIdleSession() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        UUID idle = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofHours(2)));
        UUID busy = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofHours(2)).plusSeconds(1));
        EventsProducer.sessionActive(firm.firmId(), user, busy, EventsProducer.LONDON, now);
        firm.awaitSession(busy, s -> Instant.parse(s.getString("lastSeenAt")).isAfter(now.minusSeconds(5)));

        firm.asAdmin().body(policy(lifetime(30, null), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200);
        firm.awaitSession(idle, s -> "idle_timeout".equals(s.getString("endReason")));
        firm.asAdmin().get("/api/v1/sessions/{id}", busy).then().body("active", equalTo(true));
        try (SessionsTopic topic = new SessionsTopic()) {
            JsonNode event = topic.await("dev.lexguard.sessions.session.revoked",
                    e -> e.path("subject").asText().equals(idle.toString()));
            assertThat(event.path("actortype").asText()).isEqualTo("system");
            assertThat(event.path("actorid").asText()).isEqualTo("sessions-service");
            assertThat(event.path("data").path("reason").asText()).isEqualTo("idle_timeout");
            assertThat(event.path("data").path("revokedBy").isNull()).isTrue();
        }
    }

    @Test
    void absoluteExpiryEndsAnOldSessionHoweverBusy() {
        TestFirm firm = Fixtures.firm();
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        UUID old = firm.session(user, EventsProducer.LONDON, now.minus(Duration.ofHours(13)));
        EventsProducer.sessionActive(firm.firmId(), user, old, EventsProducer.LONDON, now);
        firm.awaitSession(old, s -> Instant.parse(s.getString("lastSeenAt")).isAfter(now.minusSeconds(5)));
        firm.asAdmin().body(policy(lifetime(30, 720), lifetime(null, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200);
        firm.awaitSession(old, s -> "absolute_timeout".equals(s.getString("endReason")));
    }

    @Test
    void administratorsLifetimesAreStricterWherePermissionsSaySo() {
        TestFirm firm = Fixtures.firm();
        UUID admin = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        EventsProducer.permissionsChanged(firm.firmId(), admin, List.of("administrator", "billing"));
        EventsProducer.permissionsChanged(firm.firmId(), user, List.of("billing"));
        Instant start = Instant.now().minus(Duration.ofMinutes(45));
        UUID adminSession = firm.session(admin, EventsProducer.LONDON, start);
        UUID userSession = firm.session(user, EventsProducer.LONDON, start);
        // the permission events are consumed on their own channel: wait for the projection before setting the policy
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> isAdministrator(admin));
        firm.asAdmin().body(policy(lifetime(60, null), lifetime(30, null), lifetime(null, null)))
                .put("/api/v1/sessions/policy").then().statusCode(200);
        firm.awaitSession(adminSession, s -> "idle_timeout".equals(s.getString("endReason")));
        firm.asAdmin().get("/api/v1/sessions/{id}", userSession).then().body("active", equalTo(true));
    }

    private boolean isAdministrator(UUID userId) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> administrators.findById(userId))) != null;
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
