package dev.lexguard.sharing.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.SharingTopic;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewResourceTest {

    record Setup(TestFirm firm, UUID keep, UUID revoke, UUID change, UUID notDue) {
    }

    /** Three shares whose review date was 20 days ago (overdue after the default 14 days), one not due. */
    private static Setup setup() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID client = Fixtures.contact(firm, "Casey Client", "client");
        UUID expert = Fixtures.contact(firm, "Eli Expert", "expert");
        UUID keep = Fixtures.share(firm, client, matter, "Engagement letter");
        UUID revoke = Fixtures.share(firm, expert, matter, "Expert brief");
        UUID change = Fixtures.share(firm, client, matter, "Invoice");
        UUID notDue = Fixtures.share(firm, client, matter, "Later");
        for (UUID id : List.of(keep, revoke, change)) {
            Upstream.update("update share set next_review_at = now() - interval '20 days' where id = ?", id);
        }
        return new Setup(firm, keep, revoke, change, notDue);
    }

    @Test
    void dueSharesAreListedAndAnnouncedAsDueAndOverdue() {
        Setup s = setup();
        s.firm().asOwner().get("/api/v1/share-reviews/due").then().statusCode(200).body("items", hasSize(3))
                .body("items[0].review", equalTo("overdue"));
        s.firm().asOwner().get("/api/v1/share-reviews/due?withinDays=200").then().statusCode(200).body("items", hasSize(4));
        s.firm().asOwner().get("/api/v1/share-reviews/due?withinDays=soon").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-filter"));
        s.firm().asOwner().get("/api/v1/shares/summary").then().statusCode(200).body("reviewDue", equalTo(3));
        s.firm().as(Fixtures.user(s.firm())).get("/api/v1/share-reviews/due").then().statusCode(403);
        try (SharingTopic topic = new SharingTopic()) {
            for (UUID id : List.of(s.keep(), s.revoke(), s.change())) {
                topic.await("dev.lexguard.sharing.review.due", e -> id.toString().equals(e.path("subject").asText()));
                topic.await("dev.lexguard.sharing.review.overdue", e -> id.toString().equals(e.path("subject").asText()));
            }
            assertThat(topic.forFirm(s.firm().firmId().toString()).stream()
                    .filter(e -> e.path("type").asText().startsWith("dev.lexguard.sharing.review."))
                    .filter(e -> s.notDue().toString().equals(e.path("subject").asText()))).isEmpty();
        }
    }

    @Test
    void bulkDecisionsAreAppliedTogetherAndKeptAsEvidence() {
        Setup s = setup();
        Instant newExpiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant before = Instant.now();
        s.firm().asOwner().body(Map.of("decisions", List.of(
                Map.of("shareId", s.keep().toString(), "decision", "keep", "note", "Still engaged"),
                Map.of("shareId", s.revoke().toString(), "decision", "revoke", "note", "Work is done"),
                Map.of("shareId", s.change().toString(), "decision", "change-expiry", "expiresAt", newExpiry.toString()))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(200).body("", hasSize(3))
                .body("[0].decidedBy", equalTo(s.firm().ownerId().toString())).body("[1].nextReviewAt", equalTo(null));

        var kept = s.firm().asOwner().get("/api/v1/shares/{id}", s.keep()).then().statusCode(200).body("status", equalTo("active"))
                .body("review", equalTo("not-due")).extract();
        assertThat(Duration.between(before, Instant.parse(kept.path("nextReviewAt"))).toDays()).isEqualTo(180);
        s.firm().asOwner().get("/api/v1/shares/{id}", s.revoke()).then().body("status", equalTo("revoked"))
                .body("revokeReason", equalTo("Work is done"));
        s.firm().asOwner().get("/api/v1/shares/{id}", s.change()).then().body("expiresAt", equalTo(newExpiry.toString()));
        s.firm().asOwner().get("/api/v1/share-reviews/due").then().statusCode(200).body("items", hasSize(0));
        assertThat(Upstream.count("select count(*) from share_review where firm_id = ?", s.firm().firmId())).isEqualTo(3);

        try (SharingTopic topic = new SharingTopic()) {
            JsonNode decided = topic.await("dev.lexguard.sharing.review.decided", e -> s.keep().toString().equals(e.path("subject").asText()));
            assertThat(decided.path("data").path("decision").asText()).isEqualTo("keep");
            JsonNode revoked = topic.await("dev.lexguard.sharing.share.revoked", e -> s.revoke().toString().equals(e.path("subject").asText()));
            assertThat(revoked.path("data").path("cause").asText()).isEqualTo("review");
            topic.await("dev.lexguard.sharing.share.extended", e -> s.change().toString().equals(e.path("subject").asText()));
        }

        var report = s.firm().asOwner().get("/api/v1/share-reviews/report").then().statusCode(200)
                .body("counts.keep", equalTo(1)).body("counts.revoke", equalTo(1)).body("counts.changeExpiry", equalTo(1))
                .body("decisions", hasSize(3)).body("decisions[0].contactName", notNullValue()).extract();
        assertThat(report.<String>path("generatedBy")).isEqualTo(s.firm().ownerId().toString());
        String csv = s.firm().asOwner().get("/api/v1/share-reviews/report/export").then().statusCode(200).contentType("text/csv")
                .extract().asString();
        assertThat(csv.lines()).hasSize(4);
        assertThat(csv).contains("Work is done").contains("Still engaged");
        s.firm().asOwner().get("/api/v1/share-reviews/report?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z").then().statusCode(400);
        s.firm().asOwner().get("/api/v1/share-reviews/report?from=last-week").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void unknownIdsApplyNothing() {
        Setup s = setup();
        TestFirm other = Fixtures.firm();
        UUID theirs = Fixtures.share(other, Fixtures.contact(other, "Their Client", "client"), Fixtures.matter(other), "Theirs");
        UUID missing = UUID.randomUUID();
        s.firm().asOwner().body(Map.of("decisions", List.of(
                Map.of("shareId", s.revoke().toString(), "decision", "revoke"),
                Map.of("shareId", missing.toString(), "decision", "keep"),
                Map.of("shareId", theirs.toString(), "decision", "revoke"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/unknown-shares"));
        s.firm().asOwner().get("/api/v1/shares/{id}", s.revoke()).then().body("status", equalTo("active"));
        other.asOwner().get("/api/v1/shares/{id}", theirs).then().body("status", equalTo("active"));
        assertThat(Upstream.count("select count(*) from share_review where share_id in (?, ?)", s.revoke(), theirs)).isZero();

        s.firm().asOwner().body(Map.of("decisions", List.of(
                Map.of("shareId", s.keep().toString(), "decision", "keep"),
                Map.of("shareId", s.change().toString(), "decision", "change-expiry", "expiresAt", "2020-01-01T00:00:00Z"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/expiry-in-past"));
        s.firm().asOwner().body(Map.of("decisions", List.of(
                Map.of("shareId", s.keep().toString(), "decision", "keep"),
                Map.of("shareId", s.keep().toString(), "decision", "revoke"),
                Map.of("shareId", s.change().toString(), "decision", "change-expiry"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(400).body("errors", hasSize(1))
                .body("errors[0].field", equalTo("decisions[1].shareId"));
        s.firm().asOwner().body(Map.of("decisions", List.of(Map.of("shareId", s.keep().toString(), "decision", "forget"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(400);
        s.firm().asOwner().body(Map.of("decisions", List.of())).post("/api/v1/share-reviews/decisions").then().statusCode(400);
        assertThat(Upstream.count("select count(*) from share_review where firm_id = ?", s.firm().firmId())).isZero();
        s.firm().asOwner().get("/api/v1/shares/{id}", s.keep()).then().body("review", equalTo("overdue"));
    }

    @Test
    void oneShareAtATime() {
        Setup s = setup();
        s.firm().asOwner().body(Map.of("decision", "keep", "note", "Checked")).post("/api/v1/share-reviews/shares/{id}", s.keep())
                .then().statusCode(200).body("decision", equalTo("keep")).body("shareId", equalTo(s.keep().toString()));
        s.firm().asOwner().body(Map.of("decision", "change-expiry", "expiresAt", "next year"))
                .post("/api/v1/share-reviews/shares/{id}", s.change()).then().statusCode(400);
        s.firm().asOwner().body(Map.of("decision", "keep")).post("/api/v1/share-reviews/shares/{id}", UUID.randomUUID())
                .then().statusCode(404);
        Fixtures.firm().asOwner().body(Map.of("decision", "keep")).post("/api/v1/share-reviews/shares/{id}", s.change())
                .then().statusCode(404);
        s.firm().asOwner().body(Map.of("decision", "revoke")).post("/api/v1/share-reviews/shares/{id}", s.revoke()).then().statusCode(200);
        s.firm().asOwner().body(Map.of("decision", "keep")).post("/api/v1/share-reviews/shares/{id}", s.revoke()).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/share-not-active"));
        assertThat(Upstream.count("select count(*) from share_review where firm_id = ?", s.firm().firmId())).isEqualTo(2);
    }

    @Test
    void aChangeOfExpiryWithoutADateExtendsEachShareByItsKindsDefault() {
        Setup s = setup();
        // the revoke share's contact is an expert (90 days), the change share's a client (365 days)
        Upstream.update("update share set expires_at = now() + interval '3 days' where id in (?, ?)", s.revoke(), s.change());
        Instant before = Instant.now();
        List<Map<String, Object>> decided = s.firm().asOwner().body(Map.of("decisions", List.of(
                Map.of("shareId", s.change().toString(), "decision", "change-expiry", "note", "Another term"),
                Map.of("shareId", s.revoke().toString(), "decision", "change-expiry"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(200).body("", hasSize(2)).extract().path("");
        Instant after = Instant.now();
        Map<String, Object> client = decided.get(0);
        Map<String, Object> expert = decided.get(1);
        assertThat(client.get("decision")).isEqualTo("change-expiry");
        assertThat(Instant.parse((String) client.get("expiresAt"))).isBetween(before.plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.MILLIS),
                after.plus(Duration.ofDays(365)));
        assertThat(Instant.parse((String) expert.get("expiresAt"))).isBetween(before.plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.MILLIS),
                after.plus(Duration.ofDays(90)));
        assertThat(Duration.between(Instant.parse((String) expert.get("previousExpiresAt")), Instant.parse((String) expert.get("expiresAt")))
                .toDays()).isEqualTo(87);
        s.firm().asOwner().get("/api/v1/shares/{id}", s.revoke()).then().body("expiresAt", equalTo(expert.get("expiresAt")));
        assertThat(Upstream.count("select count(*) from share_review where share_id in (?, ?) and decision = 'change-expiry' "
                + "and expires_at > previous_expires_at", s.revoke(), s.change())).isEqualTo(2);
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode extended = topic.await("dev.lexguard.sharing.share.extended", e -> s.revoke().toString().equals(e.path("subject").asText()));
            assertThat(extended.path("data").path("expiresAt").asText()).isEqualTo(expert.get("expiresAt"));
        }
    }

    @Test
    void aBulkWhoseDefaultWouldShortenAShareAppliesNothing() {
        Setup s = setup();
        Instant far = Instant.now().plus(500, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        s.firm().asOwner().body(Map.of("expiresAt", far.toString())).put("/api/v1/shares/{id}/expiry", s.change()).then().statusCode(200);
        s.firm().asOwner().body(Map.of("decisions", List.of(
                Map.of("shareId", s.keep().toString(), "decision", "keep"),
                Map.of("shareId", s.revoke().toString(), "decision", "change-expiry"),
                Map.of("shareId", s.change().toString(), "decision", "change-expiry"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/expiry-beyond-default"))
                .body("detail", containsString(s.change().toString()));
        s.firm().asOwner().body(Map.of("decision", "change-expiry")).post("/api/v1/share-reviews/shares/{id}", s.change())
                .then().statusCode(422).body("type", equalTo("https://lexguard.dev/problems/expiry-beyond-default"));
        assertThat(Upstream.count("select count(*) from share_review where firm_id = ?", s.firm().firmId())).isZero();
        s.firm().asOwner().get("/api/v1/shares/{id}", s.change()).then().body("expiresAt", equalTo(far.toString()));
    }
}
