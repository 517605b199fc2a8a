package dev.lexguard.identity.firms;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.IdentityTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class SignUpResourceTest {

    private static Map<String, Object> body(String email, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("firmName", "Harbour & Lane " + UUID.randomUUID());
        body.put("ownerName", "Ada Okafor");
        body.put("ownerEmail", email);
        body.put("password", password);
        return body;
    }

    private static ExtractableResponse<Response> post(Object body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/firms").then().extract();
    }

    @Test
    void signUpCreatesTheFirmAndItsOwnerAsAdministrator() {
        String email = Fixtures.uniqueEmail("ada");
        ExtractableResponse<Response> created = post(body(email, Fixtures.PASSWORD));
        assertThat(created.statusCode()).isEqualTo(201);
        String firmId = created.path("firm.id");
        String ownerId = created.path("owner.id");
        assertThat(created.header("Location")).endsWith("/api/v1/firms/" + firmId);
        assertThat(created.<String>path("owner.status")).isEqualTo("active");
        assertThat(created.<Boolean>path("owner.owner")).isTrue();
        assertThat(created.<java.util.List<String>>path("owner.permissions")).containsExactly("administrator");
        assertThat(created.asString()).doesNotContain(Fixtures.PASSWORD).doesNotContain("argon2");

        Map<String, Object> row = Db.row("select firm_id, email, status, owner, password_hash from app_user where id = ?",
                UUID.fromString(ownerId));
        assertThat(row.get("firm_id")).isEqualTo(UUID.fromString(firmId));
        assertThat(row.get("status")).isEqualTo("active");
        assertThat((String) row.get("password_hash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");

        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode firmCreated = topic.await("dev.lexguard.identity.firm.created", e -> e.path("subject").asText().equals(firmId));
            assertThat(firmCreated.path("data").path("ownerId").asText()).isEqualTo(ownerId);
            assertThat(firmCreated.path("actorid").asText()).isEqualTo(ownerId);
            JsonNode userCreated = topic.await("dev.lexguard.identity.user.created", e -> e.path("subject").asText().equals(ownerId));
            assertThat(userCreated.path("data").path("email").asText()).isEqualTo(email);
            assertThat(userCreated.path("data").path("owner").asBoolean()).isTrue();
            assertThat(userCreated.toString()).doesNotContain(Fixtures.PASSWORD).doesNotContain("argon2");
        }
    }

    @Test
    void ownerCanSignInAndReadTheFirmButNotAnotherOne() {
        Fixtures.TestFirm mine = Fixtures.firm();
        Fixtures.TestFirm other = Fixtures.firm();
        given().auth().oauth2(mine.accessToken()).get("/api/v1/firms/" + mine.firmId())
                .then().statusCode(200).body("id", equalTo(mine.firmId()));
        given().auth().oauth2(mine.accessToken()).get("/api/v1/firms/" + other.firmId())
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/not-found"));
        given().get("/api/v1/firms/" + mine.firmId()).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void emailIsNormalisedAndUniqueAcrossFirms() {
        String local = "Ada.Mixed-" + UUID.randomUUID();
        ExtractableResponse<Response> created = post(body("  " + local + "@Firm.EXAMPLE \t", Fixtures.PASSWORD));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.<String>path("owner.email")).isEqualTo(local.toLowerCase() + "@firm.example");

        ExtractableResponse<Response> again = post(body(local.toUpperCase() + "@firm.example", "another harbour lantern"));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(Db.rows("select 1 from app_user where email = ?", local.toLowerCase() + "@firm.example")).hasSize(1);
    }

    @Test
    void signingUpWithAnEmailInUseAnswersLikeAFreshOneCreatesNothingAndTellsTheOwner() {
        Fixtures.TestFirm existing = Fixtures.firm();
        ExtractableResponse<Response> fresh = post(body(Fixtures.uniqueEmail("fresh"), Fixtures.PASSWORD));
        Map<String, Object> duplicate = body(existing.ownerEmail(), "another harbour lantern");
        duplicate.put("firmName", "Copycat " + UUID.randomUUID());
        ExtractableResponse<Response> taken = post(duplicate);

        assertThat(taken.statusCode()).isEqualTo(fresh.statusCode()).isEqualTo(201);
        assertThat(taken.contentType()).isEqualTo(fresh.contentType());
        assertThat(taken.header("Location")).contains("/api/v1/firms/" + taken.<String>path("firm.id"))
                .doesNotContain(existing.firmId());
        assertThat(shape(taken.as(Map.class))).isEqualTo(shape(fresh.as(Map.class)));
        assertThat(taken.<String>path("owner.email")).isEqualTo(existing.ownerEmail());
        String claimedFirm = taken.path("firm.id");
        // nothing was created: no firm, no second user, and the existing owner's password still works
        assertThat(Db.rows("select 1 from firm where id = ?::uuid", claimedFirm)).isEmpty();
        assertThat(Db.rows("select 1 from firm where name = ?", duplicate.get("firmName"))).isEmpty();
        assertThat(Db.rows("select 1 from app_user where email = ?", existing.ownerEmail())).hasSize(1);
        Fixtures.login(existing.ownerEmail(), existing.password(), Fixtures.uniqueIp()).statusCode(200);
        // the address's owner is told: the mailer mails on this event
        try (IdentityTopic topic = new IdentityTopic()) {
            JsonNode told = topic.await("dev.lexguard.identity.signup.emailInUse",
                    e -> e.path("subject").asText().equals(existing.ownerId()));
            assertThat(told.path("firmid").asText()).isEqualTo(existing.firmId());
            assertThat(told.path("data").path("email").asText()).isEqualTo(existing.ownerEmail());
            assertThat(told.toString()).doesNotContain("another harbour lantern");
        }
    }

    /** The keys of a JSON object, nested, with the type of each value: two answers of the same shape are equal. */
    private static Map<String, Object> shape(Map<?, ?> json) {
        Map<String, Object> shape = new java.util.TreeMap<>();
        json.forEach((k, v) -> shape.put(k.toString(), v instanceof Map<?, ?> m ? shape(m)
                : v == null ? "null" : v.getClass().getSimpleName()));
        return shape;
    }

    @Test
    void namesAreNormalisedToNfcAndTrimmed() {
        Map<String, Object> body = body(Fixtures.uniqueEmail("zoe"), Fixtures.PASSWORD);
        body.put("ownerName", "  Zoe\u0308   Mu\u0308ller ");
        ExtractableResponse<Response> created = post(body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.<String>path("owner.displayName")).isEqualTo("Zo\u00eb M\u00fcller");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwerty123456", "1QAZ2WSX3EDC", "short pass", "elevenchars", "\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12\uD83D\uDD12",
            "my name is ada okafor", "            "})
    void weakPasswordsAreRefused(String password) {
        ExtractableResponse<Response> refused = post(body(Fixtures.uniqueEmail("weak"), password));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.<String>path("type")).isEqualTo("https://lexguard.dev/problems/weak-password");
        assertThat(refused.<String>path("errors[0].field")).isEqualTo("password");
        assertThat(refused.asString()).doesNotContain(password.strip().isEmpty() ? "\"password\":\"" : password);
    }

    @Test
    void passwordContainingTheEmailIsRefused() {
        String local = "barnaby" + UUID.randomUUID().toString().substring(0, 8);
        ExtractableResponse<Response> refused = post(body(local + "@firm.example", "secret-" + local + "-2026"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.<String>path("errors[0].message")).isEqualTo("must not contain your email address or name");
    }

    @Test
    void passwordLengthCountsCodePointsNotUtf16Units() {
        String twelveEmoji = "\uD83D\uDD12".repeat(12);
        assertThat(post(body(Fixtures.uniqueEmail("emoji"), twelveEmoji)).statusCode()).isEqualTo(201);
        String longest = "x".repeat(200) + UUID.randomUUID().toString().substring(0, 8) + "y".repeat(48);
        assertThat(post(body(Fixtures.uniqueEmail("long"), longest)).statusCode()).isEqualTo(201);
        assertThat(post(body(Fixtures.uniqueEmail("toolong"), longest + "z")).<String>path("errors[0].message"))
                .isEqualTo("must be at most 256 characters");
    }

    @Test
    void badInputAnswersProblemsNeverA500() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/firms")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/malformed-json"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/firms")
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/validation-failed"))
                .body("errors.field", hasItem("ownerEmail"));
        given().contentType(ContentType.JSON).body(Map.of("firmName", 12, "ownerName", "A", "ownerEmail", "a@b.example", "password", 5))
                .post("/api/v1/firms").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        Map<String, Object> extra = body(Fixtures.uniqueEmail("extra"), Fixtures.PASSWORD);
        extra.put("firmId", UUID.randomUUID().toString());
        given().contentType(ContentType.JSON).body(extra).post("/api/v1/firms")
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/unknown-field"));
        given().contentType(ContentType.TEXT).body("hello").post("/api/v1/firms").then().statusCode(415);
        given().contentType(ContentType.JSON).body("{\"firmName\":\"" + "a".repeat(1_100_000) + "\"}").post("/api/v1/firms")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ownerName:Ada\u202EOkafor", "ownerName:Ada\u0000Okafor", "ownerName:\u200B", "firmName:   ",
            "ownerEmail:not-an-email", "ownerEmail:two@@at.example", "ownerEmail:ada@localhost", "ownerEmail:a b@firm.example",
            "ownerName:Ada\nOkafor"})
    void invalidNamesAndEmailsAreRefused(String fieldAndValue) {
        String field = fieldAndValue.substring(0, fieldAndValue.indexOf(':'));
        String value = fieldAndValue.substring(fieldAndValue.indexOf(':') + 1);
        Map<String, Object> body = body(Fixtures.uniqueEmail("bad"), Fixtures.PASSWORD);
        body.put(field, value);
        ExtractableResponse<Response> refused = post(body);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<String>path("errors[0].field")).isEqualTo(field);
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        String json = "{\"firmName\":\"Firm\",\"ownerName\":\"\\ud800broken\",\"ownerEmail\":\"" + Fixtures.uniqueEmail("sur")
                + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}";
        given().contentType(ContentType.JSON).body(json).post("/api/v1/firms").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("ownerName"));
    }

    @Test
    void oversizedNamesAreRefused() {
        Map<String, Object> body = body(Fixtures.uniqueEmail("big"), Fixtures.PASSWORD);
        body.put("ownerName", "N".repeat(101));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/firms").then().statusCode(400)
                .body("errors[0].field", equalTo("ownerName"))
                .body("errors[0].message", startsWith("must be at most 100"));
        body.put("ownerName", "Ada");
        body.put("ownerEmail", "a".repeat(250) + "@firm.example");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/firms").then().statusCode(400)
                .body("errors[0].field", equalTo("ownerEmail"));
    }
}
