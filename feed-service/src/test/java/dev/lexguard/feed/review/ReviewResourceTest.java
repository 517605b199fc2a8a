package dev.lexguard.feed.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.devstack.EventTopic;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.FeedDb;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Feed reviews (issue 19) through the real service: settings and who may change them, the due digest against entries
 * published on the real topics, the reviewer's visibility, recorded reviews in the chain and on Kafka, history, evidence,
 * and the due/overdue check across concurrent runs.
 */
@QuarkusTest
class ReviewResourceTest {

    private static final String REVIEWS = "/api/v1/feed/reviews";

    @Inject
    ReviewSweep sweep;

    @Test
    void settingsDefaultToWeeklyByAdministratorsAndOnlyAdministratorsChangeThem() {
        TestFirm firm = Fixtures.quietFirm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        firm.asOwner().get(REVIEWS + "/settings").then().statusCode(200).body("interval", equalTo("P7D"))
                .body("reviewers", hasSize(0)).body("administrators", equalTo(true)).body("firmDefault", equalTo(true));
        firm.as(bea).get(REVIEWS + "/settings").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(bea).contentType(ContentType.JSON).body(Map.of("interval", "P1D", "reviewers", List.of(bea))).put(REVIEWS + "/settings")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));

        firm.asOwner().contentType(ContentType.JSON).body(Map.of("interval", "P2W", "reviewers", List.of(bea))).put(REVIEWS + "/settings")
                .then().statusCode(200).body("interval", equalTo("P14D")).body("reviewers[0]", equalTo(bea.toString()))
                .body("administrators", equalTo(false)).body("updatedBy", equalTo(firm.ownerId().toString()));
        firm.as(bea).get(REVIEWS + "/settings").then().statusCode(200).body("interval", equalTo("P14D"));
        // a named reviewer who is not an administrator still may not change them
        firm.as(bea).contentType(ContentType.JSON).body(Map.of("interval", "P1D")).put(REVIEWS + "/settings").then().statusCode(403);
        firm.asOwner().get(REVIEWS + "/settings").then().statusCode(200).body("interval", equalTo("P14D"));
    }

    @Test
    void anIntervalOutsideOneToNinetyDaysOrNotInDaysIsRefused() {
        TestFirm firm = Fixtures.quietFirm();
        for (String interval : List.of("P0D", "P91D", "P1M", "P1Y", "P-7D", "weekly", " ")) {
            firm.asOwner().contentType(ContentType.JSON).body(Map.of("interval", interval)).put(REVIEWS + "/settings").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/validation-failed"))
                    .body("errors[0].field", equalTo("interval"));
        }
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("reviewers", List.of())).put(REVIEWS + "/settings").then()
                .statusCode(400).body("errors[0].field", equalTo("interval"));
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("interval", "P90D")).put(REVIEWS + "/settings").then()
                .statusCode(200).body("interval", equalTo("P90D")).body("administrators", equalTo(true));
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("interval", "P1D")).put(REVIEWS + "/settings").then()
                .statusCode(200).body("interval", equalTo("P1D"));
    }

    @Test
    void reviewersMustBeActiveUsersOfTheFirmAndEachOtherIdIsNamed() {
        TestFirm firm = Fixtures.quietFirm();
        TestFirm other = Fixtures.quietFirm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID carl = Fixtures.user(firm, "Carl Clerk");
        Fixtures.await(Events.send(Events.userDeactivated(firm.firmId(), carl, firm.ownerId())));
        UUID stranger = UUID.randomUUID();
        firm.asOwner().contentType(ContentType.JSON)
                .body(Map.of("interval", "P7D", "reviewers", List.of(bea, other.ownerId(), stranger, carl))).put(REVIEWS + "/settings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed"))
                .body("errors", hasSize(3))
                .body("errors[0].field", equalTo("reviewers[1]")).body("errors[0].message", containsString(other.ownerId().toString()))
                .body("errors[1].field", equalTo("reviewers[2]")).body("errors[1].message", containsString(stranger.toString()))
                .body("errors[2].field", equalTo("reviewers[3]")).body("errors[2].message", containsString(carl.toString()));
        firm.asOwner().get(REVIEWS + "/settings").then().statusCode(200).body("firmDefault", equalTo(true));
        assertThat(FeedDb.count("select count(*) from feed_review_setting where firm_id = ?", firm.firmId())).isZero();
    }

    @Test
    void aPlainUserIsForbiddenEverywhere() {
        TestFirm firm = Fixtures.quietFirm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        String reviewId = firm.asOwner().contentType(ContentType.JSON).body(Map.of("note", "fine")).post(REVIEWS).then().statusCode(201)
                .extract().path("id");
        for (String path : List.of(REVIEWS + "/due", REVIEWS, REVIEWS + "/" + reviewId, REVIEWS + "/" + reviewId + "/evidence")) {
            firm.as(bea).get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        }
        firm.as(bea).contentType(ContentType.JSON).body(Map.of("note", "looks fine")).post(REVIEWS).then().statusCode(403);
        assertThat(FeedDb.count("select count(*) from feed_review where firm_id = ?", firm.firmId())).isEqualTo(1);
    }

    @Test
    void theDueDigestCountsWhatWasPublishedInThePeriodWithLinksToTheEntries() {
        TestFirm firm = Fixtures.quietFirm();
        UUID matter = Fixtures.restrictedMatter(firm, "2026-0007", List.of(), List.of(firm.ownerId()), List.of());
        CloudEvent unusual = Fixtures.await(Events.send(unusualSignIn(firm)));
        CloudEvent twoFactor = Fixtures.await(Events.send(Events.event("dev.lexguard.identity.twofactor.enabled", firm.firmId(),
                firm.ownerId().toString(), firm.ownerId(), null, Map.of("userId", firm.ownerId().toString(), "method", "totp",
                        "replacedPrevious", false))));
        CloudEvent shared = Fixtures.await(Events.send(share(firm, matter, "dev.lexguard.sharing.share.created")));
        CloudEvent extended = Fixtures.await(Events.send(share(firm, matter, "dev.lexguard.sharing.share.extended")));
        CloudEvent exported = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "document", "exported", null,
                Instant.now(), Map.of("documentId", "doc-1", "fileName", "ledger.pdf"))));

        long entries = FeedDb.count("select count(*) from feed_entry where firm_id = ?", firm.firmId());
        JsonPath due = firm.asOwner().get(REVIEWS + "/due").then().statusCode(200).extract().jsonPath();
        assertThat(due.getBoolean("due")).isFalse();
        assertThat(due.getString("interval")).isEqualTo("P7D");
        assertThat(due.getLong("period.afterSeq")).isZero();
        assertThat(due.getLong("period.headSeq")).isEqualTo(entries);
        assertThat(due.getLong("digest.entries")).isEqualTo(entries);
        assertThat(due.getLong("digest.byCategory.security")).isEqualTo(2);
        assertThat(due.getLong("digest.byCategory.sharing")).isEqualTo(2);
        assertThat(due.getLong("digest.byCategory.documents")).isEqualTo(1);
        assertThat(due.getLong("digest.byCategory.matters")).isEqualTo(1);
        assertThat(due.getLong("digest.byCategory.permissions")).isEqualTo(2);
        assertThat(due.getLong("digest.byCategory.billing")).isZero();
        assertSection(due, "unusualSignIns", unusual);
        assertSection(due, "twoFactorChanges", twoFactor);
        assertSection(due, "newShares", shared);
        assertSection(due, "extendedShares", extended);
        assertSection(due, "exports", exported);
        assertThat(due.getLong("digest.sections.accessListChanges.count")).isEqualTo(1);
        assertThat(due.getLong("digest.sections.permissionChanges.count")).isEqualTo(1);
        firm.asOwner().get(due.getString("digest.sections.unusualSignIns.entries[0].href")).then().statusCode(200)
                .body("id", equalTo(unusual.id().toString())).body("type", equalTo("dev.lexguard.sessions.signin.unusual"));
    }

    @Test
    void aReviewerWhoIsNotAnAdministratorGetsNoCountOrIdOfEntriesTheyCannotSee() {
        TestFirm firm = Fixtures.quietFirm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID secret = Fixtures.restrictedMatter(firm, "2026-0099", List.of(), List.of(firm.ownerId()), List.of());
        UUID open = Fixtures.matter(firm, "2026-0100");
        CloudEvent hidden = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "document", "exported", secret,
                Instant.now(), Map.of("documentId", "doc-secret"))));
        CloudEvent visible = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "document", "exported", open,
                Instant.now(), Map.of("documentId", "doc-open"))));
        Fixtures.await(Events.send(unusualSignIn(firm)));
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("interval", "P7D", "reviewers", List.of(bea))).put(REVIEWS + "/settings")
                .then().statusCode(200);

        JsonPath admin = firm.asOwner().get(REVIEWS + "/due").then().statusCode(200).extract().jsonPath();
        assertThat(admin.getLong("digest.sections.exports.count")).isEqualTo(2);
        assertThat(admin.getLong("digest.sections.unusualSignIns.count")).isEqualTo(1);

        JsonPath reviewer = firm.as(bea).get(REVIEWS + "/due").then().statusCode(200).extract().jsonPath();
        int beaSees = firm.as(bea).queryParam("limit", 200).get("/api/v1/feed").then().statusCode(200).extract().path("items.size()");
        assertThat(reviewer.getLong("digest.entries")).isEqualTo(beaSees).isLessThan(admin.getLong("digest.entries"));
        assertThat(reviewer.getLong("digest.sections.exports.count")).isEqualTo(1);
        assertThat(reviewer.getList("digest.sections.exports.entries.id")).containsExactly(visible.id().toString());
        assertThat(reviewer.getLong("digest.sections.unusualSignIns.count")).isZero();
        assertThat(reviewer.getLong("digest.byCategory.security")).isZero();
        assertThat(reviewer.getLong("digest.byCategory.permissions")).isZero();
        assertThat(reviewer.prettify()).doesNotContain(hidden.id().toString());
        firm.as(bea).get("/api/v1/feed/entries/" + hidden.id()).then().statusCode(404);

        // what they cannot see, they cannot flag either
        firm.as(bea).contentType(ContentType.JSON).body(Map.of("flaggedEntryIds", List.of(hidden.id()))).post(REVIEWS).then()
                .statusCode(400).body("type", equalTo("https://lexguard.dev/problems/unknown-entries"))
                .body("errors[0].message", containsString(hidden.id().toString()));
        // and an administrator's review (its digest holds what they saw) is not theirs to read
        String adminReview = firm.asOwner().contentType(ContentType.JSON).body(Map.of()).post(REVIEWS).then().statusCode(201)
                .extract().path("id");
        firm.as(bea).get(REVIEWS + "/" + adminReview).then().statusCode(403);
        firm.as(bea).get(REVIEWS + "/" + adminReview + "/evidence").then().statusCode(403);
        firm.as(bea).get(REVIEWS).then().statusCode(200).body("items[0].id", equalTo(adminReview)).body("items[0].digest", nullValue());
    }

    @Test
    void anAdministratorWalledFromAMatterReadsAnotherAdministratorsReviewWithoutThatMattersEntries() {
        TestFirm firm = Fixtures.quietFirm();
        UUID ada = Fixtures.administrator(firm, "Ada Admin");
        UUID walled = Fixtures.restrictedMatter(firm, "2026-0111", List.of(), List.of(), List.of(ada));
        CloudEvent exported = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "document", "exported", walled,
                Instant.now(), Map.of("documentId", "doc-walled"))));
        CloudEvent shared = Fixtures.await(Events.send(share(firm, walled, "dev.lexguard.sharing.share.created")));
        String id = firm.asOwner().contentType(ContentType.JSON).body(Map.of("flaggedEntryIds", List.of(exported.id(), shared.id())))
                .post(REVIEWS).then().statusCode(201).body("flagged", hasSize(2))
                .body("digest.sections.exports.entries[0].id", equalTo(exported.id().toString())).extract().path("id");

        JsonPath asAda = firm.as(ada).get(REVIEWS + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(asAda.getInt("flaggedCount")).isEqualTo(2);
        assertThat(asAda.getList("flagged")).isEmpty();
        assertThat(asAda.getLong("digest.sections.exports.count")).isEqualTo(1);
        assertThat(asAda.getList("digest.sections.exports.entries")).isEmpty();
        assertThat(asAda.prettify()).doesNotContain(exported.id().toString(), shared.id().toString(), "Engagement letter");
        String csv = firm.as(ada).queryParam("format", "csv").get(REVIEWS + "/" + id + "/evidence").then().statusCode(200).extract()
                .asString();
        assertThat(csv).doesNotContain(exported.id().toString(), shared.id().toString(), "Engagement letter");
        firm.asOwner().get(REVIEWS + "/" + id).then().statusCode(200).body("flagged", hasSize(2));
    }

    @Test
    void flaggedIdsMustBeEntriesOfThisFirmInThePeriod() {
        TestFirm firm = Fixtures.quietFirm();
        TestFirm other = Fixtures.quietFirm();
        CloudEvent mine = Fixtures.await(Events.send(unusualSignIn(firm)));
        CloudEvent theirs = Fixtures.await(Events.send(unusualSignIn(other)));
        UUID unknown = UUID.randomUUID();
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("note", "x", "flaggedEntryIds", List.of(theirs.id(), mine.id(), unknown)))
                .post(REVIEWS).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/unknown-entries"))
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("flaggedEntryIds[0]")).body("errors[0].message", containsString(theirs.id().toString()))
                .body("errors[1].field", equalTo("flaggedEntryIds[2]")).body("errors[1].message", containsString(unknown.toString()));
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("flaggedEntryIds", List.of(mine.id(), mine.id()))).post(REVIEWS).then()
                .statusCode(400).body("errors[0].field", equalTo("flaggedEntryIds[1]"));
        assertThat(FeedDb.count("select count(*) from feed_review where firm_id = ?", firm.firmId())).isZero();

        firm.asOwner().contentType(ContentType.JSON).body(Map.of("flaggedEntryIds", List.of(mine.id()))).post(REVIEWS).then()
                .statusCode(201).body("flaggedCount", equalTo(1)).body("flagged[0].id", equalTo(mine.id().toString()));
        // the next period starts after that review: the old entry is not in it
        Fixtures.await(Events.send(unusualSignIn(firm)));
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("flaggedEntryIds", List.of(mine.id()))).post(REVIEWS).then()
                .statusCode(400).body("errors[0].message", containsString(mine.id().toString()));
    }

    @Test
    void aReviewCoversTheChainHeadAndIsAnEventAndAnEntryOfTheChain() {
        TestFirm firm = Fixtures.quietFirm();
        Fixtures.await(Events.send(unusualSignIn(firm)));
        long head = FeedDb.count("select last_seq from feed_chain where firm_id = ?", firm.firmId());
        String headHash = text("select encode(last_hash, 'hex') from feed_chain where firm_id = ?", firm.firmId());
        try (EventTopic topic = new EventTopic("lexguard.feed.events", "/feed-service")) {
            Response created = firm.asOwner().contentType(ContentType.JSON).body(Map.of("note", "All explained")).post(REVIEWS);
            created.then().statusCode(201).header("Location", containsString(REVIEWS + "/"))
                    .body("head.seq", equalTo((int) head)).body("head.hash", equalTo(headHash)).body("afterSeq", equalTo(0))
                    .body("reviewedBy", equalTo(firm.ownerId().toString())).body("note", equalTo("All explained"))
                    .body("digest.entries", equalTo((int) head));
            String id = created.path("id");
            String entryId = created.path("entryId");
            JsonNode event = topic.await(ReviewEvents.COMPLETED, e -> firm.firmId().toString().equals(e.path("firmid").asText()));
            assertThat(event.path("id").asText()).isEqualTo(entryId);
            assertThat(event.path("actorid").asText()).isEqualTo(firm.ownerId().toString());
            assertThat(event.path("data").path("reviewId").asText()).isEqualTo(id);
            assertThat(event.path("data").path("headSeq").asLong()).isEqualTo(head);
            assertThat(event.path("data").has("headHash")).isFalse();
            assertThat(event.path("data").path("flaggedCount").asInt()).isZero();
            assertThat(event.path("data").has("note")).as("the note stays with the review").isFalse();
        }
        // the review's own entry is the next position of the chain, and the chain still verifies
        assertThat(FeedDb.count("select last_seq from feed_chain where firm_id = ?", firm.firmId())).isEqualTo(head + 1);
        assertThat(text("select event_type from feed_entry where firm_id = ? and seq = " + (head + 1), firm.firmId()))
                .isEqualTo(ReviewEvents.COMPLETED);
        firm.asOwner().get("/api/v1/feed/verify").then().statusCode(200).body("valid", equalTo(true));
        firm.asOwner().queryParam("category", "security").get("/api/v1/feed").then().statusCode(200)
                .body("items[0].type", equalTo(ReviewEvents.COMPLETED))
                .body("items[0].summary", equalTo("The firm feed was reviewed up to position " + head + " (" + head + " entries, 0 flagged)"));

        // nothing new since, and not due: a second review is refused
        firm.asOwner().contentType(ContentType.JSON).body(Map.of()).post(REVIEWS).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/nothing-to-review"));
        firm.asOwner().get(REVIEWS + "/due").then().statusCode(200).body("due", equalTo(false))
                .body("period.afterSeq", equalTo((int) head + 1)).body("digest.entries", equalTo(0));
        // once due, a quiet period is still reviewed (its evidence matters)
        FeedDb.update("update feed_review set completed_at = completed_at - interval '8 days' where firm_id = ?", firm.firmId());
        firm.asOwner().get(REVIEWS + "/due").then().statusCode(200).body("due", equalTo(true));
        firm.asOwner().contentType(ContentType.JSON).body(Map.of("note", "quiet week")).post(REVIEWS).then().statusCode(201)
                .body("head.seq", equalTo((int) head + 1)).body("digest.entries", equalTo(0));
    }

    @Test
    void theHistoryIsNewestFirstAndPaged() {
        TestFirm firm = Fixtures.quietFirm();
        String first = firm.asOwner().contentType(ContentType.JSON).body(Map.of("note", "first")).post(REVIEWS).then().statusCode(201)
                .extract().path("id");
        Fixtures.await(Events.send(unusualSignIn(firm)));
        String second = firm.asOwner().contentType(ContentType.JSON).body(Map.of("note", "second")).post(REVIEWS).then().statusCode(201)
                .extract().path("id");
        JsonPath page = firm.asOwner().queryParam("limit", 1).get(REVIEWS).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.id")).containsExactly(second);
        assertThat(page.getString("items[0].note")).isEqualTo("second");
        assertThat((Object) page.get("items[0].digest")).isNull();
        String cursor = page.getString("nextCursor");
        firm.asOwner().queryParam("limit", 1).queryParam("cursor", cursor).get(REVIEWS).then().statusCode(200)
                .body("items.id", equalTo(List.of(first))).body("nextCursor", nullValue());
        firm.asOwner().get(REVIEWS + "/" + first).then().statusCode(200).body("note", equalTo("first")).body("digest.entries", equalTo(1));
    }

    @Test
    void theEvidenceAsJsonAndCsvCarriesTheChainHeadTheReviewCovered() {
        TestFirm firm = Fixtures.quietFirm();
        CloudEvent unusual = Fixtures.await(Events.send(unusualSignIn(firm)));
        String id = firm.asOwner().contentType(ContentType.JSON)
                .body(Map.of("note", "=Checked, it was Ben \"travelling\"", "flaggedEntryIds", List.of(unusual.id()))).post(REVIEWS).then()
                .statusCode(201).extract().path("id");
        long head = FeedDb.count("select head_seq from feed_review where id = ?", UUID.fromString(id));
        String entryHash = text("select encode(hash, 'hex') from feed_entry where firm_id = ? and seq = " + head, firm.firmId());

        JsonPath json = firm.asOwner().get(REVIEWS + "/" + id + "/evidence").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
        assertThat(json.getString("firmId")).isEqualTo(firm.firmId().toString());
        assertThat(json.getLong("review.head.seq")).isEqualTo(head)
                .isEqualTo(FeedDb.count("select last_seq - 1 from feed_chain where firm_id = ?", firm.firmId()));
        assertThat(json.getString("review.head.hash")).isEqualTo(entryHash);
        assertThat(json.getString("review.flagged[0].id")).isEqualTo(unusual.id().toString());
        assertThat(json.getString("review.flagged[0].summary")).isEqualTo("An unusual sign-in was detected");
        assertThat(json.getLong("review.digest.sections.unusualSignIns.count")).isEqualTo(1);
        assertThat(json.getString("generatedBy")).isEqualTo(firm.ownerId().toString());

        for (Response csv : List.of(firm.asOwner().queryParam("format", "csv").get(REVIEWS + "/" + id + "/evidence"),
                firm.asOwner().accept("text/csv").get(REVIEWS + "/" + id + "/evidence"))) {
            csv.then().statusCode(200).contentType(startsWith("text/csv"))
                    .header("Content-Disposition", containsString("feed-review-" + id + ".csv"));
            String[] lines = csv.asString().split("\r\n");
            assertThat(lines[0]).isEqualTo(ReviewCsv.HEADER);
            String prefix = id + "," + json.getString("review.periodStart") + "," + json.getString("review.completedAt") + ",0," + head + ","
                    + entryHash + "," + firm.ownerId() + ",";
            assertThat(lines[1]).isEqualTo(prefix + "review,note," + head + ",,,,,\"'=Checked, it was Ben \"\"travelling\"\"\"");
            assertThat(lines).contains(prefix + "section,unusualSignIns,1,,,,,",
                    prefix + "section-entry,unusualSignIns,," + unusual.id() + ",,,,/api/v1/feed/entries/" + unusual.id(),
                    prefix + "category,security,1,,,,,");
            assertThat(lines[lines.length - 1]).startsWith(prefix + "flagged,security,," + unusual.id() + ","
                    + FeedDb.seq(unusual) + ",dev.lexguard.sessions.signin.unusual,");
        }
        firm.asOwner().queryParam("format", "xml").get(REVIEWS + "/" + id + "/evidence").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anotherFirmsReviewIsNotFound() {
        TestFirm firm = Fixtures.quietFirm();
        TestFirm other = Fixtures.quietFirm();
        String id = firm.asOwner().contentType(ContentType.JSON).body(Map.of()).post(REVIEWS).then().statusCode(201).extract().path("id");
        other.asOwner().get(REVIEWS + "/" + id).then().statusCode(404).contentType("application/problem+json");
        other.asOwner().get(REVIEWS + "/" + id + "/evidence").then().statusCode(404);
        other.asOwner().queryParam("format", "csv").get(REVIEWS + "/" + id + "/evidence").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/not-found"));
        other.asOwner().get(REVIEWS + "/" + UUID.randomUUID()).then().statusCode(404);
        other.asOwner().get(REVIEWS).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void theCheckAnnouncesDueAndOverdueOncePerPeriodEvenWhenRunTwiceAtOnce() {
        TestFirm late = Fixtures.quietFirm();
        TestFirm dueOnly = Fixtures.quietFirm();
        TestFirm fresh = Fixtures.quietFirm();
        FeedDb.update("update feed_entry set recorded_at = recorded_at - interval '10 days' where firm_id = ?", late.firmId());
        FeedDb.update("update feed_entry set recorded_at = recorded_at - interval '8 days' where firm_id = ?", dueOnly.firmId());

        Uni.combine().all().unis(sweep.run(), sweep.run()).asTuple().await().atMost(Duration.ofSeconds(30));
        sweep.run().await().atMost(Duration.ofSeconds(30));

        assertThat(announced(late, ReviewEvents.DUE)).isEqualTo(1);
        assertThat(announced(late, ReviewEvents.OVERDUE)).isEqualTo(1);
        assertThat(announced(dueOnly, ReviewEvents.DUE)).isEqualTo(1);
        assertThat(announced(dueOnly, ReviewEvents.OVERDUE)).isZero();
        assertThat(announced(fresh, ReviewEvents.DUE)).isZero();
        JsonPath overdue = JsonPath.from(text("select payload from lexguard_outbox where firm_id = ? and event_type = ?", late.firmId(),
                ReviewEvents.OVERDUE));
        assertThat(overdue.getString("actortype")).isEqualTo("system");
        assertThat(overdue.getString("data.interval")).isEqualTo("P7D");
        assertThat(overdue.getList("data.reviewers")).containsExactly(late.ownerId().toString());
        assertThat(overdue.getBoolean("data.reviewersAreAdministrators")).isTrue();
        late.asOwner().get(REVIEWS + "/due").then().statusCode(200).body("due", equalTo(true)).body("overdue", equalTo(true));
        // no entry of the feed: the announcements would fill the period they announce
        assertThat(FeedDb.count("select count(*) from feed_entry where firm_id = ? and event_type like 'dev.lexguard.feed.review.%'",
                late.firmId())).isZero();

        // a review starts a new period: nothing more to announce
        late.asOwner().contentType(ContentType.JSON).body(Map.of()).post(REVIEWS).then().statusCode(201);
        sweep.run().await().atMost(Duration.ofSeconds(30));
        assertThat(announced(late, ReviewEvents.DUE)).isEqualTo(1);
        late.asOwner().get(REVIEWS + "/due").then().statusCode(200).body("due", equalTo(false));
    }

    private static long announced(TestFirm firm, String type) {
        return FeedDb.count("select count(*) from lexguard_outbox where firm_id = ? and event_type = ?", firm.firmId(), type);
    }

    private static void assertSection(JsonPath due, String section, CloudEvent event) {
        assertThat(due.getLong("digest.sections." + section + ".count")).as(section).isEqualTo(1);
        assertThat(due.getString("digest.sections." + section + ".entries[0].id")).isEqualTo(event.id().toString());
        assertThat(due.getString("digest.sections." + section + ".entries[0].href")).isEqualTo("/api/v1/feed/entries/" + event.id());
    }

    private static CloudEvent unusualSignIn(TestFirm firm) {
        Map<String, Object> data = new HashMap<>();
        data.put("sessionId", UUID.randomUUID().toString());
        data.put("userId", firm.ownerId().toString());
        data.put("actorType", "user");
        data.put("reasons", List.of("new_country"));
        data.put("clientIp", "203.0.113.9");
        return Events.event("dev.lexguard.sessions.signin.unusual", firm.firmId(), firm.ownerId().toString(), "sessions-service",
                ActorType.SYSTEM, null, Instant.now(), data);
    }

    private static CloudEvent share(TestFirm firm, UUID matter, String type) {
        Map<String, Object> data = new HashMap<>();
        data.put("shareId", UUID.randomUUID().toString());
        data.put("matterId", matter.toString());
        data.put("contactId", UUID.randomUUID().toString());
        data.put("resourceType", "document");
        data.put("resourceId", "doc-42");
        data.put("title", "Engagement letter");
        data.put("accessLevel", "view");
        data.put("expiresAt", "2027-06-01T00:00:00Z");
        data.put("sharedBy", firm.ownerId().toString());
        if (type.endsWith("created")) {
            data.put("message", null);
            data.put("contactKind", "client");
            data.put("nextReviewAt", "2027-03-01T00:00:00Z");
        } else {
            data.put("previousExpiresAt", "2027-01-01T00:00:00Z");
        }
        return Events.event(type, firm.firmId(), data.get("shareId").toString(), firm.ownerId(), matter, data);
    }

    private static String text(String sql, Object... params) {
        try (Connection c = FeedDb.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<String> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
                assertThat(values).hasSize(1);
                return values.get(0);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
