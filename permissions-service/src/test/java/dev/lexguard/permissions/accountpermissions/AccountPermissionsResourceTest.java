package dev.lexguard.permissions.accountpermissions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.IdentityEventsProducer;
import dev.lexguard.permissions.PermissionsTopic;
import dev.lexguard.permissions.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountPermissionsResourceTest {


    private static final String CHANGED = "dev.lexguard.permissions.accountpermissions.changed";
    private static final String ALL = "accounts,administrator,billing,reporting";

    private PermissionsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new PermissionsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    private static String csv(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

    @Test
    void ownerGetsEveryPermissionWhenTheFirmIsCreated() {
        TestFirm firm = Fixtures.firm();
        JsonNode event = topic.await(CHANGED, e -> e.path("subject").asText().equals(firm.ownerId().toString()));
        assertThat(event.path("firmid").asText()).isEqualTo(firm.firmId().toString());
        assertThat(event.path("source").asText()).isEqualTo("/permissions-service");
        assertThat(csv(event.at("/data/permissions"))).isEqualTo(ALL);
        assertThat(csv(event.at("/data/previousPermissions"))).isEmpty();
        assertThat(event.at("/data/owner").asBoolean()).isTrue();
        firm.asOwner().get("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(200)
                .body("owner", equalTo(true)).body("status", equalTo("active"))
                .body("permissions", contains("accounts", "administrator", "billing", "reporting"));
    }

    @Test
    void administratorGrantsPermissionsAndTheEventCarriesTheFullEffectiveSet() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller");
        firm.asOwner().body(Map.of("permissions", List.of("reporting", "billing")))
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(200)
                .body("permissions", contains("billing", "reporting"))
                .body("directPermissions", contains("billing", "reporting"))
                .body("owner", equalTo(false));
        JsonNode event = topic.await(CHANGED, e -> e.path("subject").asText().equals(bea.toString()));
        assertThat(csv(event.at("/data/permissions"))).isEqualTo("billing,reporting");
        assertThat(event.path("actorid").asText()).isEqualTo(firm.ownerId().toString());
        assertThat(event.path("actortype").asText()).isEqualTo("user");

        firm.asOwner().body(Map.of("permissions", List.of("billing")))
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(200);
        JsonNode second = topic.await(CHANGED, e -> e.path("subject").asText().equals(bea.toString())
                && csv(e.at("/data/permissions")).equals("billing"));
        assertThat(csv(second.at("/data/previousPermissions"))).isEqualTo("billing,reporting");
        firm.as(bea).get("/api/v1/permissions/users/{id}", bea).then().statusCode(200).body("permissions", contains("billing"));
    }

    @Test
    void settingTheSameSetAgainPublishesNothing() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        firm.asOwner().body(Map.of("permissions", List.of("billing")))
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(200);
        firm.asOwner().body(Map.of("permissions", List.of("billing", "accounts")))
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(200);
        topic.await(CHANGED, e -> csv(e.at("/data/permissions")).equals("accounts,billing"));
        // one firm's events share a partition, so everything before the last one has arrived too
        assertThat(topic.forFirm(firm.firmId().toString()).stream()
                .filter(e -> e.path("subject").asText().equals(bea.toString()))
                .map(e -> csv(e.at("/data/permissions")))).containsExactly("billing", "accounts,billing");
    }

    @Test
    void onlyAdministratorsChangePermissions() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing", "reporting", "accounts");
        UUID carl = Fixtures.user(firm, "Carl Clerk");
        firm.as(bea).body(Map.of("permissions", List.of("billing")))
                .put("/api/v1/permissions/users/{id}", carl).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(carl).get("/api/v1/permissions/users/{id}", carl).then().statusCode(200).body("permissions", empty());
    }

    @Test
    void aTokenClaimingAdministratorIsNotEnoughWithoutTheRecord() {
        TestFirm firm = Fixtures.firm();
        UUID carl = Fixtures.user(firm, "Carl Clerk");
        UUID dana = Fixtures.user(firm, "Dana Doe");
        given().auth().oauth2(Tokens.user(firm.firmId(), carl, "administrator")).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of("administrator")))
                .put("/api/v1/permissions/users/{id}", dana).then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
    }

    @Test
    void administratorCannotChangeTheirOwnPermissions() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        firm.as(ada).body(Map.of("permissions", List.of("administrator", "billing")))
                .put("/api/v1/permissions/users/{id}", ada).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/own-permissions"));
        firm.as(ada).get("/api/v1/permissions/users/{id}", ada).then().body("permissions", contains("administrator"));
    }

    @Test
    void theOwnersPermissionsCannotBeChanged() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        firm.as(ada).body(Map.of("permissions", List.of()))
                .put("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/owner-permissions"));
        firm.asOwner().get("/api/v1/permissions/users/{id}", firm.ownerId()).then()
                .body("permissions", contains("accounts", "administrator", "billing", "reporting"));
    }

    @Test
    void anotherFirmsUserIsNotFound() {
        TestFirm mine = Fixtures.firm();
        TestFirm theirs = Fixtures.firm();
        UUID stranger = Fixtures.user(theirs, "Sam Stranger");
        mine.asOwner().body(Map.of("permissions", List.of("billing")))
                .put("/api/v1/permissions/users/{id}", stranger).then().statusCode(404)
                .body("type", equalTo("https://lexguard.dev/problems/not-found"));
        mine.asOwner().get("/api/v1/permissions/users/{id}", stranger).then().statusCode(404);
        mine.asOwner().get("/api/v1/permissions/users/{id}", UUID.randomUUID()).then().statusCode(404);
        theirs.as(stranger).get("/api/v1/permissions/users/{id}", stranger).then().statusCode(200).body("permissions", empty());
    }

    @Test
    void badBodiesAreProblemsAndChangeNothing() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        firm.asOwner().body("{\"permissions\":[\"billing\",\"superuser\"]}")
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        firm.asOwner().body("{\"permissions\":[\"billing\"],\"firmId\":\"x\"}")
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/unknown-field"));
        firm.asOwner().body("{}").put("/api/v1/permissions/users/{id}", bea).then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed"));
        firm.asOwner().body("{\"permissions\":").put("/api/v1/permissions/users/{id}", bea).then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/malformed-json"));
        firm.asOwner().body(Map.of("permissions", List.of())).put("/api/v1/permissions/users/not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
        firm.as(bea).get("/api/v1/permissions/users/{id}", bea).then().body("permissions", contains("billing"));
    }

    @Test
    void readingSomeoneElsesPermissionsNeedsAdministrator() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        firm.as(bea).get("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.asOwner().get("/api/v1/permissions/users/{id}", bea).then().statusCode(200)
                .body("displayName", equalTo("Bea Biller")).body("status", equalTo("invited"));
    }

    @Test
    void tokensAreVerified() {
        TestFirm firm = Fixtures.firm();
        given().get("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(Tokens.signedByAnotherKey(firm.firmId(), firm.ownerId(), "administrator"))
                .get("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(401);
        given().auth().oauth2(Tokens.portalContact(firm.firmId(), firm.ownerId()))
                .get("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(401);
    }

    @Test
    void aDeactivatedAdministratorCanNoLongerAdminister() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID bea = Fixtures.user(firm, "Bea Biller");
        IdentityEventsProducer.send(IdentityEventsProducer.userDeactivated(firm.firmId(), ada, firm.ownerId()));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "deactivated".equals(firm.asOwner().get("/api/v1/permissions/users/{id}", ada).jsonPath().getString("status")));
        firm.as(ada).body(Map.of("permissions", List.of("billing")))
                .put("/api/v1/permissions/users/{id}", bea).then().statusCode(403);
    }

    @Test
    void activationIsProjected() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller");
        IdentityEventsProducer.send(IdentityEventsProducer.userActivated(firm.firmId(), bea));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "active".equals(firm.as(bea).get("/api/v1/permissions/users/{id}", bea).jsonPath().getString("status")));
    }

    @Test
    void theOwnerTransfersOwnership() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        IdentityEventsProducer.send(IdentityEventsProducer.userActivated(firm.firmId(), bea));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                "active".equals(firm.as(bea).get("/api/v1/permissions/users/{id}", bea).jsonPath().getString("status")));
        // the owner's password alone is not enough to hand the firm over: a second factor proven in the last ten minutes
        firm.asOwner().body(Map.of("userId", bea)).post("/api/v1/permissions/ownership").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/step-up-required"));
        firm.asOwner().get("/api/v1/permissions/users/{id}", firm.ownerId()).then().body("owner", equalTo(true));
        firm.steppedUp(firm.ownerId()).body(Map.of("userId", bea)).post("/api/v1/permissions/ownership").then().statusCode(200)
                .body("owner", equalTo(true)).body("permissions", contains("accounts", "administrator", "billing", "reporting"));
        JsonNode transferred = topic.await("dev.lexguard.permissions.ownership.transferred",
                e -> e.path("firmid").asText().equals(firm.firmId().toString()));
        assertThat(transferred.at("/data/ownerId").asText()).isEqualTo(bea.toString());
        assertThat(transferred.at("/data/previousOwnerId").asText()).isEqualTo(firm.ownerId().toString());
        firm.as(bea).get("/api/v1/permissions/users/{id}", firm.ownerId()).then().statusCode(200)
                .body("owner", equalTo(false)).body("directPermissions", contains("accounts", "administrator", "billing", "reporting"));
        // the new owner's permissions are now the protected ones; the old owner is an ordinary administrator
        firm.asOwner().body(Map.of("permissions", List.of())).put("/api/v1/permissions/users/{id}", bea).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/owner-permissions"));
        firm.steppedUp(bea).body(Map.of("userId", firm.ownerId())).post("/api/v1/permissions/ownership").then().statusCode(200);
    }

    @Test
    void onlyTheOwnerTransfersOwnershipAndOnlyToAnActiveUser() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID invited = Fixtures.user(firm, "Ivy Invited");
        firm.as(ada).body(Map.of("userId", ada)).post("/api/v1/permissions/ownership").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/owner-only"));
        firm.steppedUp(firm.ownerId()).body(Map.of("userId", invited)).post("/api/v1/permissions/ownership").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/owner-not-active"));
        firm.steppedUp(firm.ownerId()).body(Map.of("userId", UUID.randomUUID())).post("/api/v1/permissions/ownership").then().statusCode(404);
        firm.asOwner().get("/api/v1/permissions/users/{id}", firm.ownerId()).then().body("owner", equalTo(true));
    }
}
