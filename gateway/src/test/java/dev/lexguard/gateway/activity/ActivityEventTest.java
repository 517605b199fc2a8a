package dev.lexguard.gateway.activity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.EventTopic;
import dev.lexguard.gateway.testsupport.Tokens;
import dev.lexguard.platform.events.catalogue.EventCatalogue;
import dev.lexguard.platform.events.catalogue.EventValidator;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Activity per session reaches lexguard.gateway.events at most once a minute, in the CloudEvents envelope. */
@QuarkusTest
class ActivityEventTest {

    private static EventTopic topic() {
        return new EventTopic("lexguard.gateway.events");
    }

    @Test
    void sessionActivityIsReportedOncePerMinuteWithTimeAndClientIp() throws Exception {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = Tokens.user(firm, user, session);
        Instant before = Instant.now();
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer " + token).header("X-Forwarded-For", "203.0.113.77")
                    .header("User-Agent", "LexGuardTest/1.0").get("/api/v1/users").then().statusCode(200);
        }
        try (EventTopic events = topic()) {
            JsonNode event = events.await(ActivityReporter.TYPE,
                    e -> session.toString().equals(e.path("data").path("sessionId").asText()));
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("source").asText()).isEqualTo("/gateway");
            assertThat(event.path("subject").asText()).isEqualTo(session.toString());
            assertThat(event.path("firmid").asText()).isEqualTo(firm.toString());
            assertThat(event.path("actorid").asText()).isEqualTo(user.toString());
            assertThat(event.path("actortype").asText()).isEqualTo("user");
            assertThat(event.path("dataschema").asText())
                    .isEqualTo("https://schemas.lexguard.dev/events/dev.lexguard.gateway.session.active/1.0.json");
            CloudEvent parsed = CloudEventCodec.read(event.toString());
            // strict, as for publishing: the schema's strict copy, which refuses any property it does not declare
            assertThat(new EventValidator(EventCatalogue.fromClasspath()).checkForPublish(parsed.type(), parsed.data())
                    .name()).isEqualTo(ActivityReporter.TYPE);
            JsonNode data = event.path("data");
            assertThat(data.path("userId").asText()).isEqualTo(user.toString());
            assertThat(data.path("actorType").asText()).isEqualTo("user");
            assertThat(data.path("clientIp").asText()).isEqualTo("203.0.113.77");
            assertThat(data.path("userAgent").asText()).isEqualTo("LexGuardTest/1.0");
            assertThat(Instant.parse(data.path("seenAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
            Thread.sleep(Duration.ofSeconds(2).toMillis());
            List<JsonNode> forFirm = events.forFirm(firm.toString());
            assertThat(forFirm).hasSize(1);
        }
    }

    @Test
    void portalContactsAreReportedAsContacts() {
        UUID firm = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        given().header("Authorization", "Bearer " + Tokens.portal(firm, contact, session))
                .get("/api/v1/portal/shares").then().statusCode(200);
        try (EventTopic events = topic()) {
            JsonNode event = events.await(ActivityReporter.TYPE,
                    e -> session.toString().equals(e.path("data").path("sessionId").asText()));
            assertThat(event.path("actortype").asText()).isEqualTo("contact");
            assertThat(event.path("data").path("actorType").asText()).isEqualTo("contact");
        }
    }

    @Test
    void refusedRequestsReportNothing() throws Exception {
        UUID firm = UUID.randomUUID();
        String expired = Tokens.userWith(c -> c.put("firm", firm.toString())
                .put("exp", Instant.now().getEpochSecond() - 300));
        given().header("Authorization", "Bearer " + expired).get("/api/v1/users").then().statusCode(401);
        // a later, valid request of the same firm proves the topic is being read
        UUID session = UUID.randomUUID();
        given().header("Authorization", "Bearer " + Tokens.user(firm, UUID.randomUUID(), session))
                .get("/api/v1/users").then().statusCode(200);
        try (EventTopic events = topic()) {
            events.await(ActivityReporter.TYPE, e -> session.toString().equals(e.path("subject").asText()));
            assertThat(events.forFirm(firm.toString())).hasSize(1);
        }
    }
}
