package dev.lexguard.permissions.accountpermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.IdentityEventsProducer;
import dev.lexguard.permissions.PermissionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoleResourceTest {

    private static final String CHANGED = "dev.lexguard.permissions.accountpermissions.changed";
    private PermissionsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new PermissionsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    private static UUID role(TestFirm firm, String name, String... permissions) {
        String id = firm.asOwner().body(Map.of("name", name, "permissions", List.of(permissions)))
                .post("/api/v1/permissions/roles").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    private static String csv(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(",", values);
    }

    @Test
    void effectivePermissionsAreTheUnionOfDirectAndRoles() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        UUID clerk = role(firm, "Reporting clerk", "reporting");
        UUID books = role(firm, "Bookkeeper", "accounts", "billing");
        topic.await("dev.lexguard.permissions.role.created", e -> e.path("subject").asText().equals(books.toString()));
        firm.asOwner().put("/api/v1/permissions/users/{u}/roles/{r}", bea, clerk).then().statusCode(200)
                .body("permissions", contains("billing", "reporting")).body("directPermissions", contains("billing"))
                .body("roles.name", contains("Reporting clerk"));
        firm.asOwner().put("/api/v1/permissions/users/{u}/roles/{r}", bea, books).then().statusCode(200)
                .body("permissions", contains("accounts", "billing", "reporting"));
        JsonNode event = topic.await(CHANGED, e -> e.path("subject").asText().equals(bea.toString())
                && csv(e.at("/data/permissions")).equals("accounts,billing,reporting"));
        assertThat(event.at("/data/roleIds").size()).isEqualTo(2);
        assertThat(csv(event.at("/data/directPermissions"))).isEqualTo("billing");

        // a role's change reaches every holder, with the full set in the event
        firm.asOwner().body(Map.of("name", "Reporting clerk", "permissions", List.of()))
                .put("/api/v1/permissions/roles/{id}", clerk).then().statusCode(200).body("permissions", empty());
        topic.await(CHANGED, e -> e.path("subject").asText().equals(bea.toString())
                && csv(e.at("/data/permissions")).equals("accounts,billing"));
        firm.asOwner().delete("/api/v1/permissions/roles/{id}", books).then().statusCode(204);
        topic.await("dev.lexguard.permissions.role.deleted", e -> e.path("subject").asText().equals(books.toString()));
        firm.as(bea).get("/api/v1/permissions/users/{id}", bea).then()
                .body("permissions", contains("billing")).body("roles.name", contains("Reporting clerk"));
        firm.asOwner().delete("/api/v1/permissions/users/{u}/roles/{r}", bea, clerk).then().statusCode(200).body("roles", empty());
        firm.asOwner().delete("/api/v1/permissions/users/{u}/roles/{r}", bea, clerk).then().statusCode(404);
    }

    @Test
    void rolesFollowTheRulesOfDirectPermissions() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        UUID admins = role(firm, "Admins", "administrator");
        firm.as(ada).put("/api/v1/permissions/users/{u}/roles/{r}", ada, admins).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/own-permissions"));
        firm.as(ada).put("/api/v1/permissions/users/{u}/roles/{r}", firm.ownerId(), admins).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/owner-permissions"));
        firm.as(bea).put("/api/v1/permissions/users/{u}/roles/{r}", bea, admins).then().statusCode(403);
        firm.as(bea).body(Map.of("name", "Mine", "permissions", List.of("administrator"))).post("/api/v1/permissions/roles")
                .then().statusCode(403);
        firm.asOwner().body(Map.of("name", "ADMINS", "permissions", List.of())).post("/api/v1/permissions/roles").then()
                .statusCode(409).body("type", equalTo("https://lexguard.dev/problems/duplicate-name"));
        firm.asOwner().body(Map.of("name", "Odd", "permissions", List.of("root"))).post("/api/v1/permissions/roles").then()
                .statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        TestFirm other = Fixtures.firm();
        other.asOwner().get("/api/v1/permissions/roles/{id}", admins).then().statusCode(404);
        other.asOwner().put("/api/v1/permissions/users/{u}/roles/{r}", other.ownerId(), admins).then().statusCode(404);
        UUID stranger = Fixtures.user(other, "Sam Stranger");
        other.asOwner().put("/api/v1/permissions/users/{u}/roles/{r}", stranger, admins).then().statusCode(404);
        firm.asOwner().get("/api/v1/permissions/roles").then().body("items.name", contains("Admins"));
    }

    @Test
    void theLastActiveAdministratorCannotLoseThePermission() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin");
        UUID bob = Fixtures.user(firm, "Bob Backup", "administrator");
        UUID admins = role(firm, "Admins", "administrator");
        firm.asOwner().put("/api/v1/permissions/users/{u}/roles/{r}", ada, admins).then().statusCode(200);
        // the owner leaves; Bob loses his direct administrator: Ada (through the role) is the last one
        firm.as(ada).body(Map.of("permissions", List.of())).put("/api/v1/permissions/users/{id}", bob).then().statusCode(200);
        IdentityEventsProducer.send(IdentityEventsProducer.userDeactivated(firm.firmId(), firm.ownerId(), ada));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "deactivated".equals(
                firm.as(ada).get("/api/v1/permissions/users/{id}", firm.ownerId()).jsonPath().getString("status")));

        firm.as(ada).body(Map.of("name", "Admins", "permissions", List.of("billing")))
                .put("/api/v1/permissions/roles/{id}", admins).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/last-administrator"));
        firm.as(ada).delete("/api/v1/permissions/roles/{id}", admins).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/last-administrator"));
        firm.as(ada).get("/api/v1/permissions/roles/{id}", admins).then().statusCode(200).body("permissions", contains("administrator"));
        firm.as(ada).get("/api/v1/permissions/users/{id}", ada).then().body("permissions", contains("administrator"));

        // with a second administrator the same change goes through
        firm.as(ada).body(Map.of("permissions", List.of("administrator"))).put("/api/v1/permissions/users/{id}", bob).then().statusCode(200);
        firm.as(ada).body(Map.of("name", "Admins", "permissions", List.of("billing")))
                .put("/api/v1/permissions/roles/{id}", admins).then().statusCode(200);
        firm.as(bob).get("/api/v1/permissions/users/{id}", ada).then().body("permissions", contains("billing"));
        JsonNode event = topic.await(CHANGED, e -> e.path("subject").asText().equals(ada.toString())
                && csv(e.at("/data/permissions")).equals("billing"));
        assertThat(csv(event.at("/data/previousPermissions"))).isEqualTo("administrator");
    }
}
