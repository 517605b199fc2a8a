package dev.lexguard.sharing.shares;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.SharingTopic;
import dev.lexguard.sharing.Tokens;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /shares/{id}/extend: without a body, by the default expiry of the contact's kind from now; with one, as today. */
@QuarkusTest
class OneClickExtendResourceTest {

    @Test
    void withoutABodyEachKindIsExtendedByItsOwnDefaultFromNow() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().body(ExpiryWarningPerKindTest.policy(Map.of("client", 200, "coCounsel", 100, "expert", 50, "other", 20), 7, null))
                .put("/api/v1/shares/policy").then().statusCode(200);
        UUID matter = Fixtures.matter(firm);
        Map<String, Integer> expected = Map.of("client", 200, "co-counsel", 100, "expert", 50, "other", 20);
        for (Map.Entry<String, Integer> kind : expected.entrySet()) {
            UUID contact = Fixtures.contact(firm, "A " + kind.getKey(), kind.getKey());
            Instant soon = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            UUID share = Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(contact, matter, "For " + kind.getKey(), soon));
            Instant before = Instant.now();
            // the mail's one click: no body, no Content-Type
            String expiresAt = given().auth().oauth2(Tokens.user(firm.firmId(), firm.ownerId()))
                    .post("/api/v1/shares/{id}/extend", share).then().statusCode(200)
                    .body("status", equalTo("active")).body("contactKind", equalTo(kind.getKey())).extract().path("expiresAt");
            Instant after = Instant.now();
            assertThat(Instant.parse(expiresAt)).isBetween(before.plus(Duration.ofDays(kind.getValue())).truncatedTo(ChronoUnit.MILLIS),
                    after.plus(Duration.ofDays(kind.getValue())));
            try (SharingTopic topic = new SharingTopic()) {
                JsonNode extended = topic.await("dev.lexguard.sharing.share.extended", e -> share.toString().equals(e.path("subject").asText()));
                assertThat(Instant.parse(extended.path("data").path("previousExpiresAt").asText())).isEqualTo(soon);
                assertThat(extended.path("data").path("expiresAt").asText()).isEqualTo(expiresAt);
                assertThat(extended.path("actorid").asText()).isEqualTo(firm.ownerId().toString());
            }
        }
    }

    @Test
    void anEmptyJsonObjectIsTheSameAsNoBodyAndADateIsSetAsToday() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID expert = Fixtures.contact(firm, "Eli Expert", "expert");
        UUID share = Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(expert, matter, "Report", Instant.now().plus(1, ChronoUnit.DAYS)));
        Instant before = Instant.now();
        String byDefault = firm.asOwner().body("{}").post("/api/v1/shares/{id}/extend", share).then().statusCode(200)
                .extract().path("expiresAt");
        assertThat(Duration.between(before, Instant.parse(byDefault)).toDays()).isEqualTo(90);
        // JSON without a body at all: the same
        String again = firm.asOwner().post("/api/v1/shares/{id}/extend", share).then().statusCode(200).extract().path("expiresAt");
        assertThat(Instant.parse(again)).isAfterOrEqualTo(Instant.parse(byDefault));

        Instant later = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        firm.asOwner().body(Map.of("expiresAt", later.toString())).post("/api/v1/shares/{id}/extend", share).then().statusCode(200)
                .body("expiresAt", equalTo(later.toString()));
        // an explicit date may still shorten it, as PUT /expiry always could
        Instant sooner = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        firm.asOwner().body(Map.of("expiresAt", sooner.toString())).post("/api/v1/shares/{id}/extend", share).then().statusCode(200)
                .body("expiresAt", equalTo(sooner.toString()));
        firm.asOwner().body(Map.of("expiresAt", sooner.plusSeconds(60).toString())).put("/api/v1/shares/{id}/expiry", share)
                .then().statusCode(200).body("expiresAt", equalTo(sooner.plusSeconds(60).toString()));
        firm.asOwner().body(Map.of("expiresAt", Instant.now().minusSeconds(5).toString())).post("/api/v1/shares/{id}/extend", share)
                .then().statusCode(422).body("type", equalTo("https://lexguard.dev/problems/expiry-in-past"));
        firm.asOwner().body(Map.of("expiresAt", "next spring")).post("/api/v1/shares/{id}/extend", share).then().statusCode(400)
                .contentType("application/problem+json");
        firm.asOwner().body("[1, 2").post("/api/v1/shares/{id}/extend", share).then().statusCode(400)
                .contentType("application/problem+json");
        firm.asOwner().get("/api/v1/shares/{id}", share).then().body("expiresAt", equalTo(sooner.plusSeconds(60).toString()));
    }

    @Test
    void theDefaultNeverShortensAShareAndOnlyActiveSharesExtend() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID client = Fixtures.contact(firm, "Casey Client", "client");
        Instant far = Instant.now().plus(500, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID longShare = Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(client, matter, "Long", far));
        firm.asOwner().post("/api/v1/shares/{id}/extend", longShare).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/expiry-beyond-default"))
                .body("detail", containsString("365 days for a client"));
        firm.asOwner().get("/api/v1/shares/{id}", longShare).then().body("expiresAt", equalTo(far.toString()));

        UUID revoked = Fixtures.share(firm, client, matter, "Revoked");
        firm.asOwner().body(Map.of("reason", "Sent by mistake")).post("/api/v1/shares/{id}/revoke", revoked).then().statusCode(200);
        firm.asOwner().post("/api/v1/shares/{id}/extend", revoked).then().statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/share-not-active"));
        assertThat(Upstream.count("select count(*) from share where id = ? and status = 'revoked'", revoked)).isEqualTo(1);
    }

    @Test
    void aWalledAdministratorAnotherFirmAUserWhoCannotSeeTheMatterAndAContactGetNowhere() {
        TestFirm firm = Fixtures.firm();
        UUID admin = Fixtures.user(firm);
        Upstream.permissions(firm.firmId(), admin, List.of("administrator"));
        UUID user = Fixtures.user(firm);
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        Instant soon = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        UUID share = Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(contact, matter, "Settlement draft", soon));
        // the administrator is walled off the matter; the user is not on its access list
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(admin), 2);

        given().auth().oauth2(Tokens.user(firm.firmId(), admin)).post("/api/v1/shares/{id}/extend", share).then().statusCode(404)
                .contentType("application/problem+json");
        firm.as(admin).body(Map.of("expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString()))
                .post("/api/v1/shares/{id}/extend", share).then().statusCode(404);
        firm.as(user).post("/api/v1/shares/{id}/extend", share).then().statusCode(404);
        TestFirm other = Fixtures.firm();
        other.asOwner().post("/api/v1/shares/{id}/extend", share).then().statusCode(404);
        other.asOwner().body("{}").post("/api/v1/shares/{id}/extend", UUID.randomUUID()).then().statusCode(404);
        firm.asContact(contact).post("/api/v1/shares/{id}/extend", share).then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/users-only"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/shares/{id}/extend", share).then().statusCode(401);
        firm.asOwner().get("/api/v1/shares/{id}", share).then().statusCode(200).body("expiresAt", equalTo(soon.toString()));
        assertThat(Upstream.count("select count(*) from lexguard_outbox where subject = ? and event_type = 'dev.lexguard.sharing.share.extended'",
                share.toString())).isZero();

        // the owner, not walled, extends it
        firm.asOwner().post("/api/v1/shares/{id}/extend", share).then().statusCode(200);
    }
}
