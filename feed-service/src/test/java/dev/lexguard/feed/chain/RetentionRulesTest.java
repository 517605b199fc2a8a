package dev.lexguard.feed.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.AtOnce;
import dev.lexguard.devstack.EventTopic;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.FeedDb;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention cannot erase the trail (issue 17): a floor no firm goes below, a fresh second factor to change it, and
 * every change and purge an entry of the chain (for the other administrators) and an event on lexguard.feed.events.
 */
@QuarkusTest
class RetentionRulesTest {

    private static final String FEED_EVENTS = "lexguard.feed.events";

    @Inject
    ChainService chains;

    @Test
    void retentionBelowTheDeploymentsFloorIsRefusedNamingTheFloor() {
        TestFirm firm = Fixtures.quietFirm();
        firm.ownerSteppedUp().contentType(ContentType.JSON).body(Map.of("retentionDays", 1)).put("/api/v1/feed/retention").then()
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/retention-below-floor"))
                .body("detail", containsString("at least 365 days"));
        firm.ownerSteppedUp().contentType(ContentType.JSON).body(Map.of("retentionDays", 364)).put("/api/v1/feed/retention").then()
                .statusCode(422);
        firm.asOwner().get("/api/v1/feed/retention").then().statusCode(200).body("firmDefault", equalTo(true));
        firm.ownerSteppedUp().contentType(ContentType.JSON).body(Map.of("retentionDays", 365)).put("/api/v1/feed/retention").then()
                .statusCode(200).body("retentionDays", equalTo(365));
    }

    @Test
    void changingRetentionWithoutAFreshSecondFactorIsRefused() {
        TestFirm firm = Fixtures.quietFirm();
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("retentionDays", 3000)).put("/api/v1/feed/retention").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/step-up-required"))
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
        firm.asOwner().get("/api/v1/feed/retention").then().statusCode(200).body("firmDefault", equalTo(true));
        assertThat(FeedDb.count("select count(*) from feed_entry where firm_id = ? and event_type like 'dev.lexguard.feed.%'",
                firm.firmId())).isZero();
    }

    @Test
    void aRetentionChangeIsAnEntryForTheOtherAdministratorsInTheChainAndAnEventOnKafka() {
        TestFirm firm = Fixtures.quietFirm();
        UUID ada = Fixtures.administrator(firm, "Ada Admin");
        UUID bea = Fixtures.user(firm, "Bea Associate");
        try (EventTopic topic = new EventTopic(FEED_EVENTS, "/feed-service")) {
            firm.ownerSteppedUp().contentType(ContentType.JSON).body(Map.of("retentionDays", 4000)).put("/api/v1/feed/retention").then()
                    .statusCode(200).body("retentionDays", equalTo(4000));
            JsonNode event = topic.await(FeedActs.RETENTION_CHANGED, e -> firm.firmId().toString().equals(e.path("firmid").asText()));
            assertThat(event.path("actorid").asText()).isEqualTo(firm.ownerId().toString());
            assertThat(event.path("data").path("retentionDays").asInt()).isEqualTo(4000);
            assertThat(event.path("data").path("previousRetentionDays").asInt()).isEqualTo(2557);
            assertThat(event.path("data").path("previousWasDefault").asBoolean()).isTrue();
            assertThat(event.path("data").path("floorDays").asInt()).isEqualTo(365);

            JsonPath feed = firm.as(ada).queryParam("category", "security").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
            assertThat(feed.getString("items[0].id")).isEqualTo(event.path("id").asText());
            assertThat(feed.getString("items[0].type")).isEqualTo(FeedActs.RETENTION_CHANGED);
            assertThat(feed.getString("items[0].summary")).isEqualTo("The feed's retention was changed to 4000 days (was 2557)");
            assertThat(feed.getString("items[0].actor.id")).isEqualTo(firm.ownerId().toString());
            // security entries are for administrators only
            firm.as(bea).queryParam("category", "security").get("/api/v1/feed").then().statusCode(200)
                    .body("items.size()", equalTo(0));
            firm.asOwner().get("/api/v1/feed/verify").then().statusCode(200).body("valid", equalTo(true));
        }
    }

    @Test
    void theScheduledPurgeIsRecordedAsTheSystemsOnTheAnchorInTheFeedAndOnKafka() {
        TestFirm firm = Fixtures.quietFirm();
        UUID ada = Fixtures.administrator(firm, "Ada Admin");
        Instant old = Instant.now().minus(3000, ChronoUnit.DAYS);
        CloudEvent ancient = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, old,
                Map.of("noteId", "ancient"))));
        FeedDb.update("update feed_entry set occurred_at = occurred_at - interval '3000 days' where firm_id = ? and seq < ?",
                firm.firmId(), FeedDb.seq(ancient));
        try (EventTopic topic = new EventTopic(FEED_EVENTS, "/feed-service")) {
            ChainService.PurgeResult result = chains.purge(firm.firmId(), null).await().atMost(Duration.ofSeconds(30));
            assertThat(result.purged()).isEqualTo(3);
            JsonNode event = topic.await(FeedActs.RETENTION_PURGED, e -> firm.firmId().toString().equals(e.path("firmid").asText()));
            assertThat(event.path("actortype").asText()).isEqualTo("system");
            assertThat(event.path("data").path("trigger").asText()).isEqualTo("scheduled");
            assertThat(event.path("data").path("purged").asLong()).isEqualTo(3);
            assertThat(event.path("data").path("fromSeq").asLong()).isEqualTo(1);
            assertThat(event.path("data").path("anchorSeq").asLong()).isEqualTo(3);
            assertThat(event.path("data").path("retentionDays").asInt()).isEqualTo(2557);
        }
        JsonPath verified = firm.as(ada).get("/api/v1/feed/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getLong("anchor.seq")).isEqualTo(3);
        assertThat(verified.getLong("anchor.lastPurge.purged")).isEqualTo(3);
        assertThat(verified.getString("anchor.lastPurge.by.type")).isEqualTo("system");
        assertThat(verified.getString("anchor.lastPurge.by.id")).isEqualTo(FeedActs.SYSTEM_ACTOR);
        assertThat(verified.getLong("checked")).isEqualTo(1);
        firm.as(ada).queryParam("category", "security").get("/api/v1/feed").then().statusCode(200)
                .body("items[0].type", equalTo(FeedActs.RETENTION_PURGED))
                .body("items[0].actor.type", equalTo("system"))
                .body("items[0].summary", equalTo("3 feed entries past the retention were purged (scheduled)"));
        // the periodic purge that drops nothing leaves no entry
        assertThat(chains.purge(firm.firmId(), null).await().atMost(Duration.ofSeconds(30)).purged()).isZero();
        assertThat(FeedDb.count("select count(*) from feed_entry where firm_id = ? and event_type = ?", firm.firmId(),
                FeedActs.RETENTION_PURGED)).isEqualTo(1);
    }

    @Test
    void twoReplicasPurgingAtOnceRecordOnePurge() throws Exception {
        TestFirm firm = Fixtures.quietFirm();
        Instant old = Instant.now().minus(3000, ChronoUnit.DAYS);
        CloudEvent ancient = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, old,
                Map.of("noteId", "ancient"))));
        FeedDb.update("update feed_entry set occurred_at = occurred_at - interval '3000 days' where firm_id = ? and seq < ?",
                firm.firmId(), FeedDb.seq(ancient));

        // two feed processes' purges (each its own connection; the chain's head row orders them)
        List<ChainService.PurgeResult> results = AtOnce.run(() -> chains.purge(firm.firmId(), null).await().atMost(Duration.ofSeconds(30)),
                () -> chains.purge(firm.firmId(), null).await().atMost(Duration.ofSeconds(30)));

        // one purged the old entries, the other found nothing left to purge
        assertThat(results).extracting(ChainService.PurgeResult::purged).containsOnlyOnce(0L).anyMatch(purged -> purged > 0);
        long anchor = results.stream().mapToLong(ChainService.PurgeResult::anchorSeq).max().orElseThrow();
        assertThat(FeedDb.count("select count(*) from feed_entry where firm_id = ? and event_type = ?", firm.firmId(),
                FeedActs.RETENTION_PURGED)).isEqualTo(1);
        assertThat(FeedDb.count("select count(*) from lexguard_outbox where firm_id = ? and event_type = ?", firm.firmId(),
                FeedActs.RETENTION_PURGED)).isEqualTo(1);
        JsonPath verified = firm.asOwner().get("/api/v1/feed/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getLong("anchor.seq")).isEqualTo(anchor);
    }
}
