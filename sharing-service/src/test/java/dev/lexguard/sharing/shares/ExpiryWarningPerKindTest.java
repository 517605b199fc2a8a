package dev.lexguard.sharing.shares;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.catalogue.EventCatalogue;
import dev.lexguard.platform.events.catalogue.EventValidator;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.SharingTopic;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The expiry warning period per contact kind: a kind with its own period is warned by it, the others by the
 * firm-wide period; share.expiring carries the links a mailer needs and matches its schema.
 */
@QuarkusTest
class ExpiryWarningPerKindTest {

    private static final EventValidator SCHEMAS = new EventValidator(EventCatalogue.fromClasspath());

    static Map<String, Object> policy(Map<String, Integer> defaultExpiry, int firmWideWarning, Map<String, Integer> warningByKind) {
        Map<String, Object> body = new HashMap<>();
        body.put("defaultExpiryDays", defaultExpiry);
        body.put("reviewIntervalDays", Map.of("client", 180, "coCounsel", 90, "expert", 90, "other", 30));
        body.put("expiryWarningDays", firmWideWarning);
        body.put("reviewOverdueAfterDays", 14);
        body.put("revokeOnMatterClose", true);
        if (warningByKind != null) {
            body.put("expiryWarningDaysByKind", warningByKind);
        }
        return body;
    }

    static Map<String, Integer> kinds(Integer client, Integer coCounsel, Integer expert, Integer other) {
        Map<String, Integer> kinds = new HashMap<>();
        kinds.put("client", client);
        kinds.put("coCounsel", coCounsel);
        kinds.put("expert", expert);
        kinds.put("other", other);
        return kinds;
    }

    static final Map<String, Integer> DEFAULT_EXPIRY = Map.of("client", 365, "coCounsel", 180, "expert", 90, "other", 30);

    @Test
    void eachKindIsWarnedWithinItsOwnPeriodAndTheOthersWithinTheFirmWideOne() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 5, kinds(10, 3, 2, null))).put("/api/v1/shares/policy").then().statusCode(200)
                .body("expiryWarningDaysByKind.client", equalTo(10)).body("expiryWarningDaysByKind.other", nullValue());
        UUID matter = Fixtures.matter(firm);
        Instant inFourDays = Instant.now().plus(4, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS);
        UUID client = share(firm, matter, "client", inFourDays);
        UUID coCounsel = share(firm, matter, "co-counsel", inFourDays);
        UUID expert = share(firm, matter, "expert", inFourDays);
        UUID other = share(firm, matter, "other", inFourDays);
        // the counts say the same as the warnings: two of the four expire within their kind's period
        firm.asOwner().get("/api/v1/shares/summary").then().statusCode(200).body("active", equalTo(4)).body("expiringSoon", equalTo(2));

        try (SharingTopic topic = new SharingTopic()) {
            // 4 days left: within the client's own 10 and the firm-wide 5 (other has none of its own) ...
            JsonNode clientWarning = expiring(topic, client);
            assertThat(clientWarning.path("data").path("contactKind").asText()).isEqualTo("client");
            assertThat(clientWarning.path("data").path("warningDays").asInt()).isEqualTo(10);
            assertThat(clientWarning.path("data").path("daysLeft").asInt()).isEqualTo(4);
            JsonNode otherWarning = expiring(topic, other);
            assertThat(otherWarning.path("data").path("warningDays").asInt()).isEqualTo(5);
            // ... not within co-counsel's 3 or the expert's 2, for as long as we watch
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Upstream.count(
                    "select count(*) from share where id in (?, ?) and expiry_warned_at is not null", coCounsel, expert) == 0);

            // moved to 2 days and a half: co-counsel's 3 days have come, the expert's 2 not yet; then 1 day: the expert's
            moveExpiry(firm, coCounsel, Instant.now().plus(60, ChronoUnit.HOURS));
            moveExpiry(firm, expert, Instant.now().plus(60, ChronoUnit.HOURS));
            assertThat(expiring(topic, coCounsel).path("data").path("warningDays").asInt()).isEqualTo(3);
            assertThat(Upstream.count("select count(*) from share where id = ? and expiry_warned_at is not null", expert)).isZero();
            moveExpiry(firm, expert, Instant.now().plus(30, ChronoUnit.HOURS));
            JsonNode expertWarning = expiring(topic, expert);
            assertThat(expertWarning.path("data").path("warningDays").asInt()).isEqualTo(2);
            assertThat(expertWarning.path("data").path("daysLeft").asInt()).isEqualTo(1);
            assertThat(topic.forFirm(firm.firmId().toString()).stream()
                    .filter(e -> e.path("type").asText().endsWith("share.expiring"))).hasSize(4);
        }
    }

    @Test
    void theWarningCarriesTheLinksAMailerNeedsAndMatchesItsSchema() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID share = share(firm, matter, "client", Instant.now().plus(2, ChronoUnit.DAYS));
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode warning = expiring(topic, share);
            JsonNode data = warning.path("data");
            assertThat(data.path("shareUrl").asText()).isEqualTo("https://api.lexguard.test/api/v1/shares/" + share);
            assertThat(data.path("extendUrl").asText()).isEqualTo("https://api.lexguard.test/api/v1/shares/" + share + "/extend");
            assertThat(data.path("warningDays").asInt()).isEqualTo(7);
            assertThat(data.path("sharedBy").asText()).isEqualTo(firm.ownerId().toString());
            SCHEMAS.checkForPublish(warning.path("type").asText(), data);
            // the link is the authenticated API: without a token it is a 401, and it holds no token of its own
            given().post("/api/v1/shares/{id}/extend", share).then().statusCode(401);
            assertThat(data.toString()).doesNotContainIgnoringCase("token");
        }
    }

    @Test
    void aKindsWarningMustBePositiveAndShorterThanItsDefaultExpiry() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 7, kinds(0, null, null, null))).put("/api/v1/shares/policy").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", containsString("client"));
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 7, kinds(null, -3, null, null))).put("/api/v1/shares/policy").then().statusCode(400);
        Map<String, Object> notANumber = policy(DEFAULT_EXPIRY, 7, null);
        notANumber.put("expiryWarningDaysByKind", Map.of("expert", "ten"));
        firm.asOwner().body(notANumber).put("/api/v1/shares/policy").then().statusCode(400).contentType("application/problem+json");
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 7, kinds(null, null, 30, 30))).put("/api/v1/shares/policy").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/expiry-warning-too-long"))
                .body("detail", containsString("other (30 days, default expiry 30)"));
        firm.asOwner().get("/api/v1/shares/policy").then().statusCode(200).body("updatedAt", nullValue())
                .body("expiryWarningDaysByKind.other", nullValue());
        // the firm-wide value keeps its old rule (0..365), whatever the kinds' default expiry
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 30, null)).put("/api/v1/shares/policy").then().statusCode(200);
        assertThat(Upstream.count("select count(*) from sharing_policy where firm_id = ? and warning_days_other is null",
                firm.firmId())).isEqualTo(1);
    }

    @Test
    void aClientThatDoesNotSendTheKindsKeepsThemAndNullGoesBackToTheFirmWidePeriod() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 7, kinds(21, null, null, null))).put("/api/v1/shares/policy").then().statusCode(200);
        firm.asOwner().body(policy(DEFAULT_EXPIRY, 9, null)).put("/api/v1/shares/policy").then().statusCode(200)
                .body("expiryWarningDaysByKind.client", equalTo(21)).body("expiryWarningDays", equalTo(9));
        // lowering the client's default expiry under its kept warning period is refused, and nothing changes
        Map<String, Integer> shorter = new HashMap<>(DEFAULT_EXPIRY);
        shorter.put("client", 20);
        firm.asOwner().body(policy(shorter, 7, null)).put("/api/v1/shares/policy").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/expiry-warning-too-long"));
        firm.asOwner().get("/api/v1/shares/policy").then().body("defaultExpiryDays.client", equalTo(365)).body("expiryWarningDays", equalTo(9));
        firm.asOwner().body(policy(shorter, 7, Map.of())).put("/api/v1/shares/policy").then().statusCode(200)
                .body("expiryWarningDaysByKind.client", nullValue()).body("defaultExpiryDays.client", equalTo(20));
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode kept = topic.await("dev.lexguard.sharing.policy.changed", e -> firm.firmId().toString().equals(e.path("firmid").asText())
                    && e.path("data").path("expiryWarningDays").asInt() == 9);
            assertThat(kept.path("data").path("expiryWarningDaysByKind").path("client").asInt()).isEqualTo(21);
            assertThat(kept.path("data").path("expiryWarningDaysByKind").path("other").isNull()).isTrue();
            SCHEMAS.checkForPublish(kept.path("type").asText(), kept.path("data"));
        }
    }

    private static UUID share(TestFirm firm, UUID matter, String kind, Instant expiresAt) {
        UUID contact = Fixtures.contact(firm, "Contact " + kind + " " + UUID.randomUUID().toString().substring(0, 8), kind);
        return Fixtures.share(firm, firm.ownerId(), Fixtures.shareBody(contact, matter, "For a " + kind, expiresAt));
    }

    private static void moveExpiry(TestFirm firm, UUID share, Instant expiresAt) {
        firm.asOwner().body(Map.of("expiresAt", expiresAt.toString())).put("/api/v1/shares/{id}/expiry", share).then().statusCode(200);
    }

    private static JsonNode expiring(SharingTopic topic, UUID share) {
        return topic.await("dev.lexguard.sharing.share.expiring", e -> share.toString().equals(e.path("subject").asText()));
    }
}
