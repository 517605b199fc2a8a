package dev.lexguard.sharing.shares;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.SharingTopic;
import dev.lexguard.sharing.Tokens;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShareResourceTest {

    @Test
    void shareGetsPolicyDefaultsAndTheFirstShareRequestsPortalAccessOnce() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        Instant before = Instant.now();
        var created = firm.asOwner().body(Fixtures.shareBody(contact, matter, "Engagement letter")).post("/api/v1/shares")
                .then().statusCode(201).header("Location", notNullValue())
                .body("status", equalTo("active")).body("contactKind", equalTo("client")).body("review", equalTo("not-due"))
                .body("sharedBy", equalTo(firm.ownerId().toString())).extract();
        Instant expiresAt = Instant.parse(created.path("expiresAt"));
        Instant nextReview = Instant.parse(created.path("nextReviewAt"));
        assertThat(Duration.between(before, expiresAt).toDays()).isEqualTo(365);
        assertThat(Duration.between(before, nextReview).toDays()).isEqualTo(180);
        String shareId = created.path("id");
        Fixtures.share(firm, contact, matter, "Second letter");

        try (SharingTopic topic = new SharingTopic()) {
            JsonNode event = topic.await("dev.lexguard.sharing.share.created", e -> shareId.equals(e.path("subject").asText()));
            assertThat(event.path("matterid").asText()).isEqualTo(matter.toString());
            assertThat(event.path("data").path("title").asText()).isEqualTo("Engagement letter");
            JsonNode invite = topic.await("dev.lexguard.sharing.contact.portalAccessRequested",
                    e -> contact.toString().equals(e.path("subject").asText()));
            assertThat(invite.path("data").path("email").asText()).isEqualTo("casey.client@client.example");
            topic.await("dev.lexguard.sharing.share.created", e -> e.path("firmid").asText().equals(firm.firmId().toString())
                    && e.path("data").path("title").asText().equals("Second letter"));
            assertThat(topic.forFirm(firm.firmId().toString()).stream()
                    .filter(e -> e.path("type").asText().endsWith("portalAccessRequested"))).hasSize(1);
        }
        firm.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(200).body("portalAccessRequestedAt", notNullValue());
    }

    @Test
    void policyChangesTheDefaultExpiry() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID expert = Fixtures.contact(firm, "Eli Expert", "expert");
        firm.asOwner().body(Map.of("defaultExpiryDays", Map.of("client", 30, "coCounsel", 30, "expert", 10, "other", 5),
                "reviewIntervalDays", Map.of("client", 20, "coCounsel", 20, "expert", 3, "other", 2), "expiryWarningDays", 2,
                "reviewOverdueAfterDays", 1, "revokeOnMatterClose", false)).put("/api/v1/shares/policy").then().statusCode(200)
                .body("defaultExpiryDays.expert", equalTo(10)).body("updatedBy", equalTo(firm.ownerId().toString()));
        Instant before = Instant.now();
        var share = firm.asOwner().body(Fixtures.shareBody(expert, matter, "Report")).post("/api/v1/shares").then().statusCode(201).extract();
        assertThat(Duration.between(before, Instant.parse(share.path("expiresAt"))).toDays()).isEqualTo(10);
        assertThat(Duration.between(before, Instant.parse(share.path("nextReviewAt"))).toDays()).isEqualTo(3);
        UUID user = Fixtures.user(firm);
        firm.as(user).body(Map.of("defaultExpiryDays", Map.of("client", 1, "coCounsel", 1, "expert", 1, "other", 1),
                "reviewIntervalDays", Map.of("client", 1, "coCounsel", 1, "expert", 1, "other", 1), "expiryWarningDays", 1,
                "reviewOverdueAfterDays", 1, "revokeOnMatterClose", true)).put("/api/v1/shares/policy").then().statusCode(403);
        firm.as(user).get("/api/v1/shares/policy").then().statusCode(200).body("defaultExpiryDays.expert", equalTo(10));
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode changed = topic.await("dev.lexguard.sharing.policy.changed",
                    e -> firm.firmId().toString().equals(e.path("firmid").asText()));
            assertThat(changed.path("data").path("reviewIntervalDays").path("expert").asInt()).isEqualTo(3);
            assertThat(changed.path("data").path("revokeOnMatterClose").asBoolean()).isFalse();
        }
    }

    @Test
    void policyChangedCarriesThePreviousValuesOfExactlyTheChangedFields() {
        TestFirm firm = Fixtures.firm();
        Map<String, Object> expiry = Map.of("client", 365, "coCounsel", 180, "expert", 60, "other", 30);
        Map<String, Object> review = Map.of("client", 180, "coCounsel", 90, "expert", 90, "other", 30);
        // from the defaults (expert 90 days, warnings 7 days, revoke on close), only the expert's expiry changes
        firm.asOwner().body(Map.of("defaultExpiryDays", expiry, "reviewIntervalDays", review, "expiryWarningDays", 7,
                "reviewOverdueAfterDays", 14, "revokeOnMatterClose", true)).put("/api/v1/shares/policy").then().statusCode(200);
        firm.asOwner().body(Map.of("defaultExpiryDays", expiry, "reviewIntervalDays", review, "expiryWarningDays", 3,
                "reviewOverdueAfterDays", 14, "revokeOnMatterClose", false)).put("/api/v1/shares/policy").then().statusCode(200);
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode first = topic.await("dev.lexguard.sharing.policy.changed",
                    e -> firm.firmId().toString().equals(e.path("firmid").asText()) && e.at("/data/expiryWarningDays").asInt() == 7);
            assertThat(first.at("/data/previous").size()).isEqualTo(1);
            assertThat(first.at("/data/previous/defaultExpiryDays/expert").asInt()).isEqualTo(90);
            assertThat(first.at("/data/defaultExpiryDays/expert").asInt()).isEqualTo(60);

            JsonNode second = topic.await("dev.lexguard.sharing.policy.changed",
                    e -> firm.firmId().toString().equals(e.path("firmid").asText()) && e.at("/data/expiryWarningDays").asInt() == 3);
            JsonNode previous = second.at("/data/previous");
            assertThat(previous.size()).isEqualTo(2);
            assertThat(previous.path("expiryWarningDays").asInt()).isEqualTo(7);
            assertThat(previous.path("revokeOnMatterClose").asBoolean()).isTrue();
            assertThat(second.at("/data/revokeOnMatterClose").asBoolean()).isFalse();
        }
    }

    @Test
    void usersWhoCanSeeTheMatterManageItsSharesAndOthersGetNotFound() {
        TestFirm firm = Fixtures.firm();
        UUID user = Fixtures.user(firm);
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        UUID share = Fixtures.share(firm, contact, matter, "Letter");
        firm.as(user).get("/api/v1/shares/{id}", share).then().statusCode(200);
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(), 2);
        firm.as(user).get("/api/v1/shares/{id}", share).then().statusCode(404);
        firm.as(user).body(Map.of("reason", "not mine to revoke")).post("/api/v1/shares/{id}/revoke", share).then().statusCode(404);
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(user), List.of(), 3);
        firm.as(user).body(Map.of("reason", "Sent to the wrong client")).post("/api/v1/shares/{id}/revoke", share).then().statusCode(200)
                .body("revokedBy", equalTo(user.toString()));
    }

    @Test
    void anotherFirmsMatterIsUnknownAndNothingIsStored() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID theirMatter = Fixtures.matter(other);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        firm.asOwner().body(Fixtures.shareBody(contact, theirMatter, "Their file")).post("/api/v1/shares").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/unknown-matter"));
        firm.asOwner().body(Fixtures.shareBody(contact, UUID.randomUUID(), "No such matter")).post("/api/v1/shares").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/unknown-matter"))
                .body("detail", equalTo("matterId is not a matter of this firm that you can see"));
        assertThat(Upstream.count("select count(*) from share where firm_id = ?", firm.firmId())).isZero();
        UUID theirContact = Fixtures.contact(other, "Their Client", "client");
        firm.asOwner().body(Fixtures.shareBody(theirContact, Fixtures.matter(firm), "x")).post("/api/v1/shares").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/unknown-contact"));
    }

    @Test
    void aMatterTheSharerCannotSeeIsUnknownUntilAccessIsGranted() {
        TestFirm firm = Fixtures.firm();
        UUID user = Fixtures.user(firm);
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(), 2);
        firm.as(user).body(Fixtures.shareBody(contact, matter, "Secret")).post("/api/v1/shares").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/unknown-matter"))
                .body("detail", equalTo("matterId is not a matter of this firm that you can see"));
        assertThat(Upstream.count("select count(*) from share where firm_id = ?", firm.firmId())).isZero();

        UUID group = UUID.randomUUID();
        Upstream.member(firm.firmId(), group, user);
        Upstream.access(firm.firmId(), matter, "restricted", List.of(group), List.of(), List.of(), 3);
        Fixtures.share(firm, user, Fixtures.shareBody(contact, matter, "Now visible"));

        Upstream.access(firm.firmId(), matter, "restricted", List.of(group), List.of(), List.of(user), 4);
        firm.as(user).body(Fixtures.shareBody(contact, matter, "Blocked")).post("/api/v1/shares").then().statusCode(422);
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(user), List.of(), 5);
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(), 4);
        Fixtures.share(firm, user, Fixtures.shareBody(contact, matter, "Granted by name"));
    }

    @Test
    void deletedContactOrPastExpiryOrClosedMatterIsRefused() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        firm.asOwner().body(Fixtures.shareBody(contact, matter, "Late", Instant.now().minusSeconds(60))).post("/api/v1/shares")
                .then().statusCode(422).body("type", equalTo("https://lexguard.dev/problems/expiry-in-past"));
        firm.asOwner().delete("/api/v1/contacts/{id}", contact).then().statusCode(204);
        firm.asOwner().body(Fixtures.shareBody(contact, matter, "Gone")).post("/api/v1/shares").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/contact-deleted"));
        UUID closed = UUID.randomUUID();
        Upstream.matter(firm.firmId(), closed, "open");
        Upstream.matter(firm.firmId(), closed, "closed");
        UUID other = Fixtures.contact(firm, "Other Client", "client");
        firm.asOwner().body(Fixtures.shareBody(other, closed, "Closed")).post("/api/v1/shares").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/matter-closed"));
        firm.asOwner().body(Map.of("contactId", other.toString())).post("/api/v1/shares").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed"));
        assertThat(Upstream.count("select count(*) from share where firm_id = ?", firm.firmId())).isZero();
    }

    @Test
    void deletingAContactRevokesAllItsShares() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        UUID a = Fixtures.share(firm, contact, matter, "A");
        UUID b = Fixtures.share(firm, contact, matter, "B");
        UUID user = Fixtures.user(firm);
        firm.as(user).delete("/api/v1/contacts/{id}", contact).then().statusCode(403);
        firm.asOwner().delete("/api/v1/contacts/{id}", contact).then().statusCode(204);
        firm.asOwner().get("/api/v1/shares/{id}", a).then().statusCode(200).body("status", equalTo("revoked"))
                .body("revokeReason", equalTo("The contact was deleted"));
        firm.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(404);
        try (SharingTopic topic = new SharingTopic()) {
            for (UUID id : List.of(a, b)) {
                JsonNode revoked = topic.await("dev.lexguard.sharing.share.revoked", e -> id.toString().equals(e.path("subject").asText()));
                assertThat(revoked.path("data").path("cause").asText()).isEqualTo("contact-deleted");
            }
        }
    }

    @Test
    void closingAMatterRevokesItsSharesWhenThePolicySaysSo() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        UUID share = Fixtures.share(firm, contact, matter, "Letter");
        Upstream.matter(firm.firmId(), matter, "closed");
        firm.asOwner().get("/api/v1/shares/{id}", share).then().statusCode(200).body("status", equalTo("revoked"));
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode revoked = topic.await("dev.lexguard.sharing.share.revoked", e -> share.toString().equals(e.path("subject").asText()));
            assertThat(revoked.path("data").path("cause").asText()).isEqualTo("matter-closed");
            assertThat(revoked.path("actortype").asText()).isEqualTo("system");
        }

        TestFirm keeps = Fixtures.firm();
        keeps.asOwner().body(Map.of("defaultExpiryDays", Map.of("client", 365, "coCounsel", 180, "expert", 90, "other", 30),
                "reviewIntervalDays", Map.of("client", 180, "coCounsel", 90, "expert", 90, "other", 30), "expiryWarningDays", 7,
                "reviewOverdueAfterDays", 14, "revokeOnMatterClose", false)).put("/api/v1/shares/policy").then().statusCode(200);
        UUID keptMatter = Fixtures.matter(keeps);
        UUID kept = Fixtures.share(keeps, Fixtures.contact(keeps, "Kim Client", "client"), keptMatter, "Kept");
        Upstream.matter(keeps.firmId(), keptMatter, "closed");
        keeps.asOwner().get("/api/v1/shares/{id}", kept).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void extendThenRevokeWithReason() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "co-counsel");
        UUID share = Fixtures.share(firm, contact, matter, "Brief");
        Instant later = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        firm.asOwner().body(Map.of("expiresAt", later.toString())).put("/api/v1/shares/{id}/expiry", share).then().statusCode(200)
                .body("expiresAt", equalTo(later.toString()));
        firm.asOwner().body(Map.of("expiresAt", Instant.now().minusSeconds(5).toString())).put("/api/v1/shares/{id}/expiry", share)
                .then().statusCode(422).body("type", equalTo("https://lexguard.dev/problems/expiry-in-past"));
        firm.asOwner().body(Map.of("reason", "Engagement ended")).post("/api/v1/shares/{id}/revoke", share).then().statusCode(200)
                .body("status", equalTo("revoked")).body("revokeReason", equalTo("Engagement ended"))
                .body("revokedBy", equalTo(firm.ownerId().toString()));
        firm.asOwner().body(Map.of("reason", "again")).post("/api/v1/shares/{id}/revoke", share).then().statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/share-not-active"));
        firm.asOwner().body(Map.of("expiresAt", later.toString())).put("/api/v1/shares/{id}/expiry", share).then().statusCode(409);
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode extended = topic.await("dev.lexguard.sharing.share.extended", e -> share.toString().equals(e.path("subject").asText()));
            assertThat(extended.path("data").path("expiresAt").asText()).isEqualTo(later.toString());
            JsonNode revoked = topic.await("dev.lexguard.sharing.share.revoked", e -> share.toString().equals(e.path("subject").asText()));
            assertThat(revoked.path("data").path("reason").asText()).isEqualTo("Engagement ended");
            assertThat(revoked.path("data").path("cause").asText()).isEqualTo("manual");
        }
        TestFirm other = Fixtures.firm();
        other.asOwner().get("/api/v1/shares/{id}", share).then().statusCode(404);
        other.asOwner().body(Map.of("reason", "not mine")).post("/api/v1/shares/{id}/revoke", share).then().statusCode(404);
    }

    @Test
    void anExpiredShareStopsAtOnceAndTheSweepAnnouncesIt() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        UUID soon = Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(contact, matter, "Soon", Instant.now().plusSeconds(3)));
        UUID week = Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(contact, matter, "This week",
                Instant.now().plus(3, ChronoUnit.DAYS)));
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode warning = topic.await("dev.lexguard.sharing.share.expiring", e -> week.toString().equals(e.path("subject").asText()));
            assertThat(warning.path("data").path("daysLeft").asInt()).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    "expired".equals(firm.asOwner().get("/api/v1/shares/{id}", soon).then().extract().path("status")));
            firm.asContact(contact).get("/api/v1/portal/shares/{id}", soon).then().statusCode(404);
            JsonNode expired = topic.await("dev.lexguard.sharing.share.expired", e -> soon.toString().equals(e.path("subject").asText()));
            assertThat(expired.path("actortype").asText()).isEqualTo("system");
            assertThat(topic.forFirm(firm.firmId().toString()).stream()
                    .filter(e -> e.path("type").asText().endsWith("share.expiring"))
                    .filter(e -> week.toString().equals(e.path("subject").asText()))).hasSize(1);
        }
        assertThat(Upstream.text("select status from share where id = ?", soon)).isEqualTo("expired");
    }

    @Test
    void portalTokensAreRefusedOnFirmPathsAndFirmTokensOnPortalPaths() {
        TestFirm firm = Fixtures.firm();
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        firm.asContact(contact).get("/api/v1/shares").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/users-only"));
        firm.asContact(contact).get("/api/v1/contacts").then().statusCode(403);
        firm.asContact(contact).get("/api/v1/share-reviews/due").then().statusCode(403);
        firm.asOwner().get("/api/v1/portal/shares").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/contacts-only"));
        given().get("/api/v1/portal/shares").then().statusCode(401);
        given().auth().oauth2(Tokens.signedByAnotherKey(firm.firmId(), firm.ownerId()))
                .get("/api/v1/shares").then().statusCode(401);
    }
}
