package dev.lexguard.feed.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.feed.Events;
import dev.lexguard.feed.FeedDb;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each firm's entries form a hash chain that verification checks; retention purges and leaves an anchor. */
@QuarkusTest
class ChainResourceTest {

    private static List<CloudEvent> notes(TestFirm firm, int count, Instant start) {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, start.plusSeconds(i),
                    Map.of("noteId", "note-" + i))));
        }
        events.forEach(Fixtures::await);
        return events;
    }

    private static JsonPath verify(TestFirm firm) {
        return firm.asOwner().get("/api/v1/feed/verify").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anUntouchedChainVerifies() {
        TestFirm firm = Fixtures.quietFirm();
        notes(firm, 4, Instant.now());
        JsonPath result = verify(firm);
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("from")).isEqualTo(1);
        assertThat(result.getLong("to")).isEqualTo(5);
        assertThat(result.getLong("checked")).isEqualTo(5);
        assertThat(result.getLong("head.seq")).isEqualTo(5);
        assertThat(result.getString("head.hash")).hasSize(64);
        assertThat(result.getString("firstBreak")).isNull();
        firm.asOwner().queryParam("from", 3).queryParam("to", 4).get("/api/v1/feed/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("checked", equalTo(2));
    }

    @Test
    void aTamperedRowIsCaughtAtItsPosition() {
        TestFirm firm = Fixtures.quietFirm();
        List<CloudEvent> notes = notes(firm, 4, Instant.now());
        long seq = FeedDb.seq(notes.get(1));
        assertThat(FeedDb.update("update feed_entry set summary = 'Nothing happened here' where firm_id = ? and id = ?",
                firm.firmId(), notes.get(1).id())).isEqualTo(1);
        JsonPath result = verify(firm);
        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getLong("firstBreak.seq")).isEqualTo(seq);
        assertThat(result.getString("firstBreak.entryId")).isEqualTo(notes.get(1).id().toString());
        assertThat(result.getString("firstBreak.reason")).isEqualTo("hash-mismatch");
        assertThat(result.getLong("checked")).isEqualTo(seq - 1);
        assertThat(result.getString("firstBreak.expectedHash")).isNotEqualTo(result.getString("firstBreak.storedHash"));
    }

    @Test
    void aRecomputedHashStillBreaksTheNextLinkAndADeletedRowIsMissing() {
        TestFirm firm = Fixtures.quietFirm();
        List<CloudEvent> notes = notes(firm, 4, Instant.now());
        long second = FeedDb.seq(notes.get(1));
        // An attacker who rewrites a row and its own hash still breaks the link to the next entry.
        FeedDb.update("update feed_entry set occurred_at = occurred_at - interval '1 day', hash = sha256(hash) where firm_id = ? and id = ?",
                firm.firmId(), notes.get(1).id());
        JsonPath result = verify(firm);
        assertThat(result.getBoolean("valid")).isFalse();
        assertThat(result.getLong("firstBreak.seq")).isEqualTo(second);

        TestFirm another = Fixtures.quietFirm();
        List<CloudEvent> others = notes(another, 3, Instant.now());
        long gone = FeedDb.seq(others.get(1));
        FeedDb.update("delete from feed_entry where firm_id = ? and id = ?", another.firmId(), others.get(1).id());
        another.asOwner().get("/api/v1/feed/verify").then().statusCode(200).body("valid", equalTo(false))
                .body("firstBreak.seq", equalTo((int) gone)).body("firstBreak.reason", equalTo("missing"));

        TestFirm third = Fixtures.quietFirm();
        List<CloudEvent> tail = notes(third, 2, Instant.now());
        FeedDb.update("delete from feed_entry where firm_id = ? and id = ?", third.firmId(), tail.get(1).id());
        third.asOwner().get("/api/v1/feed/verify").then().statusCode(200).body("valid", equalTo(false))
                .body("firstBreak.reason", equalTo("missing"));
    }

    @Test
    void retentionPurgesOldEntriesAndTheChainStillVerifiesFromTheAnchorThatRecordsThePurge() {
        TestFirm firm = Fixtures.quietFirm();
        Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
        notes(firm, 3, old);
        CloudEvent recent = notes(firm, 1, Instant.now()).get(0);
        firm.asOwner().get("/api/v1/feed/retention").then().statusCode(200).body("retentionDays", equalTo(2557))
                .body("firmDefault", equalTo(true));
        firm.ownerSteppedUp().contentType(ContentType.JSON).body(Map.of("retentionDays", 365)).put("/api/v1/feed/retention").then()
                .statusCode(200).body("retentionDays", equalTo(365)).body("firmDefault", equalTo(false));
        // The first entry (the owner's permissions) is young, so the chain's oldest prefix is: nothing goes.
        firm.asOwner().post("/api/v1/feed/retention/purge").then().statusCode(200).body("purged", equalTo(0));

        TestFirm aged = Fixtures.quietFirm();
        UUID ada = Fixtures.administrator(aged, "Ada Admin");
        // Ages the firm's first entries (and so breaks their hashes): retention removes them, and the chain verifies from the anchor.
        FeedDb.update("update feed_entry set occurred_at = occurred_at - interval '800 days' where firm_id = ?", aged.firmId());
        List<CloudEvent> stale = notes(aged, 2, old);
        CloudEvent fresh = notes(aged, 1, Instant.now()).get(0);
        aged.ownerSteppedUp().contentType(ContentType.JSON).body(Map.of("retentionDays", 365)).put("/api/v1/feed/retention").then().statusCode(200);
        JsonPath purge = aged.asOwner().post("/api/v1/feed/retention/purge").then().statusCode(200).extract().jsonPath();
        assertThat(purge.getLong("purged")).isEqualTo(4);
        assertThat(purge.getLong("anchorSeq")).isEqualTo(4);
        assertThat(purge.getLong("fromSeq")).isEqualTo(1);
        assertThat(FeedDb.entries(stale.get(1))).isZero();
        JsonPath result = aged.asOwner().get("/api/v1/feed/verify").then().statusCode(200).extract().jsonPath();
        assertThat(result.getBoolean("valid")).isTrue();
        assertThat(result.getLong("anchor.seq")).isEqualTo(4);
        assertThat(result.getString("anchor.hash")).isEqualTo(purge.getString("anchorHash"));
        assertThat(result.getLong("anchor.lastPurge.purged")).isEqualTo(4);
        assertThat(result.getLong("anchor.lastPurge.fromSeq")).isEqualTo(1);
        assertThat(result.getString("anchor.lastPurge.by.type")).isEqualTo("user");
        assertThat(result.getString("anchor.lastPurge.by.id")).isEqualTo(aged.ownerId().toString());
        assertThat(result.getString("anchor.lastPurge.entryId")).isEqualTo(purge.getString("eventId"));
        assertThat(Instant.parse(result.getString("anchor.lastPurge.newestOccurredAt"))).isBefore(Instant.now().minus(365, ChronoUnit.DAYS));
        // the fresh note, the retention change and the purge's own entry remain, and verify
        assertThat(result.getLong("from")).isEqualTo(5);
        assertThat(result.getLong("checked")).isEqualTo(3);
        aged.asOwner().queryParam("objectType", "note").get("/api/v1/feed").then().statusCode(200)
                .body("items.id", equalTo(List.of(fresh.id().toString())));
        // another administrator sees who purged, how many and which positions, in the firm's feed
        JsonPath purged = aged.as(ada).queryParam("category", "security").get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
        assertThat(purged.getString("items[0].type")).isEqualTo(FeedActs.RETENTION_PURGED);
        assertThat(purged.getString("items[0].id")).isEqualTo(purge.getString("eventId"));
        assertThat(purged.getString("items[0].actor.id")).isEqualTo(aged.ownerId().toString());
        assertThat(purged.getString("items[0].summary")).isEqualTo("4 feed entries past the retention were purged (manual)");
        assertThat(purged.getInt("items[0].details.purged")).isEqualTo(4);
        assertThat(purged.getInt("items[0].details.anchorSeq")).isEqualTo(4);
        // Purging again drops nothing, and tampering after the anchor is still caught.
        aged.asOwner().post("/api/v1/feed/retention/purge").then().statusCode(200).body("purged", equalTo(0));
        FeedDb.update("update feed_entry set details = '{}' where firm_id = ? and id = ?", aged.firmId(), fresh.id());
        aged.asOwner().get("/api/v1/feed/verify").then().statusCode(200).body("valid", equalTo(false))
                .body("firstBreak.seq", equalTo(5));
        assertThat(recent).isNotNull();
    }

    @Test
    void onlyAdministratorsVerifyOrChangeRetentionAndBadInputIsAProblem() {
        TestFirm firm = Fixtures.quietFirm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        firm.as(bea).get("/api/v1/feed/verify").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(bea).get("/api/v1/feed/retention").then().statusCode(403);
        firm.as(bea).contentType(ContentType.JSON).body(Map.of("retentionDays", 1)).put("/api/v1/feed/retention").then().statusCode(403);
        firm.as(bea).post("/api/v1/feed/retention/purge").then().statusCode(403);
        firm.asOwner().queryParam("from", "zero").get("/api/v1/feed/verify").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        firm.asOwner().queryParam("from", 5).queryParam("to", 2).get("/api/v1/feed/verify").then().statusCode(400);
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("retentionDays", 0)).put("/api/v1/feed/retention").then().statusCode(400)
                .contentType("application/problem+json");
        firm.asOwner().contentType(ContentType.JSON).body("{\"retentionDays\":30,\"firmId\":\"" + UUID.randomUUID() + "\"}")
                .put("/api/v1/feed/retention").then().statusCode(400);
        firm.asOwner().contentType(ContentType.JSON).body("{}").put("/api/v1/feed/retention").then().statusCode(400);
        firm.asOwner().get("/api/v1/feed/verify").then().statusCode(200).body("firstBreak", nullValue());
    }
}
