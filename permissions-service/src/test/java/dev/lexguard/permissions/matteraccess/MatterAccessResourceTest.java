package dev.lexguard.permissions.matteraccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.PermissionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MatterAccessResourceTest {

    private PermissionsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new PermissionsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void aMatterIsRegisteredUpdatedAndClosedWithEvents() {
        TestFirm firm = Fixtures.firm();
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID id = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "displayNumber", "2026-0042", "description", "Okafor v. Lane",
                "clientContactId", client, "responsibleAttorneyId", ann, "practiceArea", "Family law"));
        firm.asOwner().body(body).post("/api/v1/matters").then().statusCode(201)
                .header("Location", containsString("/api/v1/matters/" + id))
                .body("status", equalTo("open")).body("accessVersion", equalTo(1));
        JsonNode registered = topic.await("dev.lexguard.permissions.matter.registered", e -> e.path("subject").asText().equals(id.toString()));
        assertThat(registered.path("matterid").asText()).isEqualTo(id.toString());
        assertThat(registered.at("/data/clientContactId").asText()).isEqualTo(client.toString());
        assertThat(registered.at("/data/practiceArea").asText()).isEqualTo("Family law");

        body.put("description", "Okafor v. Lane (appeal)");
        body.put("status", "pending");
        firm.asOwner().body(body).put("/api/v1/matters/{id}", id).then().statusCode(200)
                .body("description", equalTo("Okafor v. Lane (appeal)")).body("status", equalTo("pending"));
        topic.await("dev.lexguard.permissions.matter.updated", e -> e.path("subject").asText().equals(id.toString())
                && e.at("/data/status").asText().equals("pending"));

        firm.asOwner().post("/api/v1/matters/{id}/close", id).then().statusCode(200).body("status", equalTo("closed"));
        topic.await("dev.lexguard.permissions.matter.closed", e -> e.path("subject").asText().equals(id.toString()));
        firm.asOwner().post("/api/v1/matters/{id}/close", id).then().statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/already-closed"));
        firm.asOwner().body(body).put("/api/v1/matters/{id}", id).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/matter-closed"));
        firm.asOwner().get("/api/v1/matters/{id}", id).then().statusCode(200).body("status", equalTo("closed"));
    }

    @Test
    void matterUpdatedCarriesThePreviousValuesOfExactlyTheChangedFields() {
        TestFirm firm = Fixtures.firm();
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("id", id, "displayNumber", "2026-0050", "description", "Okafor v. Lane",
                "practiceArea", "Family law"));
        firm.asOwner().body(body).post("/api/v1/matters").then().statusCode(201);

        body.put("description", "Okafor v. Lane (appeal)");
        body.remove("practiceArea");
        firm.asOwner().body(body).put("/api/v1/matters/{id}", id).then().statusCode(200);
        JsonNode updated = topic.await("dev.lexguard.permissions.matter.updated", e -> e.path("subject").asText().equals(id.toString()));
        assertThat(updated.at("/data/description").asText()).isEqualTo("Okafor v. Lane (appeal)");
        assertThat(updated.at("/data/practiceArea").isNull()).isTrue();
        JsonNode previous = updated.at("/data/previous");
        assertThat(previous.size()).isEqualTo(2);
        assertThat(previous.path("description").asText()).isEqualTo("Okafor v. Lane");
        assertThat(previous.path("practiceArea").asText()).isEqualTo("Family law");

        // the same details again still publish the update, with nothing in previous
        firm.asOwner().body(body).put("/api/v1/matters/{id}", id).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> topic.forFirm(firm.firmId().toString()).stream()
                .filter(e -> e.path("type").asText().equals("dev.lexguard.permissions.matter.updated")).count() == 2);
        assertThat(topic.forFirm(firm.firmId().toString()).stream()
                .filter(e -> e.path("type").asText().equals("dev.lexguard.permissions.matter.updated"))
                .map(e -> e.at("/data/previous").size())).containsExactlyInAnyOrder(2, 0);
    }

    @Test
    void registrationRulesAreProblems() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing");
        UUID stranger = Fixtures.user(other, "Sam Stranger");
        UUID existing = Fixtures.matter(firm, "2026-0001");
        firm.asOwner().body(Map.of("displayNumber", "2026-0001", "description", "again")).post("/api/v1/matters").then()
                .statusCode(409).body("type", equalTo("https://lexguard.dev/problems/duplicate-display-number"));
        firm.asOwner().body(Map.of("id", existing, "displayNumber", "2026-0002", "description", "same id")).post("/api/v1/matters")
                .then().statusCode(409).body("type", equalTo("https://lexguard.dev/problems/matter-exists"));
        firm.asOwner().body(Map.of("displayNumber", "2026-0003", "description", "x", "responsibleAttorneyId", stranger))
                .post("/api/v1/matters").then().statusCode(422).body("type", equalTo("https://lexguard.dev/problems/unknown-user"));
        firm.as(bea).body(Map.of("displayNumber", "2026-0004", "description", "x")).post("/api/v1/matters").then().statusCode(403);
        firm.asOwner().body(Map.of("displayNumber", "", "description", "x")).post("/api/v1/matters").then().statusCode(400)
                .body("errors[0].field", equalTo("displayNumber"));
        firm.asOwner().body(Map.of("displayNumber", "2026-0005", "description", "x", "status", "closed")).post("/api/v1/matters")
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        firm.asOwner().body(Map.of("displayNumber", "2026-0006", "description", "x", "clientContactId", "nope")).post("/api/v1/matters")
                .then().statusCode(400).body("errors[0].field", equalTo("clientContactId"));
        // another firm may use the same display number
        Fixtures.matter(other, "2026-0001");
        firm.asOwner().get("/api/v1/matters").then().body("items.displayNumber", contains("2026-0001"));
    }

    @Test
    void anotherFirmsMatterIsNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID theirs = Fixtures.matter(other, "2026-0900");
        firm.asOwner().get("/api/v1/matters/{id}", theirs).then().statusCode(404).body("type", equalTo("https://lexguard.dev/problems/not-found"));
        firm.asOwner().get("/api/v1/matters/{id}/access", theirs).then().statusCode(404);
        firm.asOwner().body(Map.of("mode", "everyone")).put("/api/v1/matters/{id}/access", theirs).then().statusCode(404);
        firm.asOwner().post("/api/v1/matters/{id}/close", theirs).then().statusCode(404);
        firm.asOwner().body(Map.of("displayNumber", "x", "description", "y")).put("/api/v1/matters/{id}", theirs).then().statusCode(404);
        other.asOwner().get("/api/v1/matters/{id}", theirs).then().statusCode(200).body("status", equalTo("open"));
    }

    @Test
    void aRestrictedMatterIsVisibleOnlyThroughItsListAndBlockBeatsAllow() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bob = Fixtures.user(firm, "Bob Barrister");
        UUID cat = Fixtures.user(firm, "Cat Counsel");
        UUID dan = Fixtures.user(firm, "Dan Outsider");
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        Fixtures.addMember(firm, partners, ann);
        Fixtures.addMember(firm, partners, cat);
        UUID open = Fixtures.matter(firm, "2026-0001");
        UUID secret = Fixtures.matter(firm, "2026-0002");
        Fixtures.access(firm, secret, "restricted", List.of(partners), List.of(bob), List.of(cat, ada));

        firm.as(ann).get("/api/v1/matters/{id}", secret).then().statusCode(200);
        firm.as(bob).get("/api/v1/matters/{id}", secret).then().statusCode(200);
        firm.as(cat).get("/api/v1/matters/{id}", secret).then().statusCode(404);
        firm.as(dan).get("/api/v1/matters/{id}", secret).then().statusCode(404);
        firm.as(ada).get("/api/v1/matters/{id}", secret).then().statusCode(404);
        firm.asOwner().get("/api/v1/matters/{id}", secret).then().statusCode(200);

        firm.as(ann).get("/api/v1/matters").then().body("items.displayNumber", contains("2026-0001", "2026-0002"));
        firm.as(cat).get("/api/v1/matters").then().body("items.displayNumber", contains("2026-0001"));
        firm.as(dan).get("/api/v1/matters").then().body("items.displayNumber", contains("2026-0001"));
        firm.as(dan).get("/api/v1/matters/{id}", open).then().statusCode(200);

        // a block applies in everyone mode too
        Fixtures.access(firm, open, "everyone", List.of(), List.of(), List.of(dan));
        firm.as(dan).get("/api/v1/matters/{id}", open).then().statusCode(404);
        firm.as(dan).get("/api/v1/matters").then().body("items", empty());
    }

    @Test
    void billingReportingAndAccountsAreNoSideDoor() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bea = Fixtures.user(firm, "Bea Books", "billing", "reporting", "accounts");
        Fixtures.addMember(firm, partners, ann);
        UUID secret = Fixtures.matter(firm, "2026-0002");
        Fixtures.access(firm, secret, "restricted", List.of(partners), List.of(), List.of());
        firm.as(bea).get("/api/v1/matters/{id}", secret).then().statusCode(404);
        firm.as(bea).get("/api/v1/matters").then().body("items", empty());
        firm.as(bea).get("/api/v1/access/users/{u}/matters/{m}", bea, secret).then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", equalTo("not-on-access-list"));
        firm.as(bea).get("/api/v1/access/users/{u}/matters", bea).then().statusCode(200).body("items", empty());
        firm.as(bea).get("/api/v1/matters/{id}/access", secret).then().statusCode(403);
        firm.as(bea).get("/api/v1/access/matters/{id}/users", secret).then().statusCode(403);
        firm.asOwner().get("/api/v1/access/matters/{id}/users", secret).then().statusCode(200)
                .body("items.displayName", not(hasItem("Bea Books")));
    }

    @Test
    void theAccessChangeEventCarriesTheWholeListAndAVersion() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID cat = Fixtures.user(firm, "Cat Counsel");
        UUID matter = Fixtures.matter(firm, "2026-0003");
        firm.asOwner().body(Map.of("mode", "restricted", "groupIds", List.of(partners), "userIds", List.of(ann),
                "blockedUserIds", List.of(cat))).put("/api/v1/matters/{id}/access", matter).then().statusCode(200)
                .body("mode", equalTo("restricted")).body("version", equalTo(2))
                .body("groups.name", contains("Partners")).body("users.name", contains("Ann Attorney"))
                .body("blockedUsers.name", contains("Cat Counsel"));
        JsonNode first = topic.await("dev.lexguard.permissions.matteraccess.changed", e -> e.path("subject").asText().equals(matter.toString()));
        assertThat(first.at("/data/mode").asText()).isEqualTo("restricted");
        assertThat(first.at("/data/version").asInt()).isEqualTo(2);
        assertThat(first.at("/data/groupIds/0").asText()).isEqualTo(partners.toString());
        assertThat(first.at("/data/userIds/0").asText()).isEqualTo(ann.toString());
        assertThat(first.at("/data/blockedUserIds/0").asText()).isEqualTo(cat.toString());
        assertThat(first.path("matterid").asText()).isEqualTo(matter.toString());

        // the same list again changes nothing and publishes nothing; a smaller one publishes the whole new list
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(ann), List.of(cat));
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(), List.of());
        JsonNode second = topic.await("dev.lexguard.permissions.matteraccess.changed", e -> e.path("subject").asText().equals(matter.toString())
                && e.at("/data/version").asInt() == 3);
        assertThat(second.at("/data/userIds").size()).isZero();
        assertThat(second.at("/data/blockedUserIds").size()).isZero();
        assertThat(second.at("/data/groupIds/0").asText()).isEqualTo(partners.toString());
        assertThat(topic.forFirm(firm.firmId().toString()).stream()
                .filter(e -> e.path("type").asText().equals("dev.lexguard.permissions.matteraccess.changed"))).hasSize(2);
    }

    @Test
    void theAccessChangeEventCarriesThePreviousModeAndListsThatChanged() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID cat = Fixtures.user(firm, "Cat Counsel");
        UUID matter = Fixtures.matter(firm, "2026-0051");
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(ann), List.of());
        JsonNode first = topic.await("dev.lexguard.permissions.matteraccess.changed", e -> e.path("subject").asText().equals(matter.toString()));
        JsonNode previous = first.at("/data/previous");
        assertThat(previous.size()).isEqualTo(3);
        assertThat(previous.path("mode").asText()).isEqualTo("everyone");
        assertThat(previous.path("groupIds").size()).isZero();
        assertThat(previous.path("userIds").size()).isZero();
        assertThat(previous.has("blockedUserIds")).isFalse();
        assertThat(previous.has("version")).isFalse();

        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(), List.of(cat));
        JsonNode second = topic.await("dev.lexguard.permissions.matteraccess.changed", e -> e.path("subject").asText().equals(matter.toString())
                && e.at("/data/version").asInt() == 3);
        assertThat(second.at("/data/previous").size()).isEqualTo(2);
        assertThat(second.at("/data/previous/userIds/0").asText()).isEqualTo(ann.toString());
        assertThat(second.at("/data/previous/blockedUserIds").size()).isZero();
        assertThat(second.at("/data/blockedUserIds/0").asText()).isEqualTo(cat.toString());
    }

    @Test
    void unknownOrForeignPrincipalsChangeNothing() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID theirGroup = Fixtures.group(other, "Partners");
        UUID stranger = Fixtures.user(other, "Sam Stranger");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID matter = Fixtures.matter(firm, "2026-0004");
        firm.asOwner().body(Map.of("mode", "restricted", "groupIds", List.of(partners, theirGroup), "userIds", List.of(ann, stranger)))
                .put("/api/v1/matters/{id}/access", matter).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/unknown-principals"))
                .body("errors.field", contains("groupIds", "userIds"))
                .body("errors[0].message", containsString(theirGroup.toString()))
                .body("errors[1].message", containsString(stranger.toString()));
        firm.asOwner().body(Map.of("mode", "restricted", "blockedUserIds", List.of(UUID.randomUUID())))
                .put("/api/v1/matters/{id}/access", matter).then().statusCode(400).body("errors[0].field", equalTo("blockedUserIds"));
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().statusCode(200)
                .body("mode", equalTo("everyone")).body("groups", empty()).body("users", empty()).body("version", equalTo(1));
    }

    @Test
    void contradictoryOrMalformedListsAreProblems() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID matter = Fixtures.matter(firm, "2026-0005");
        firm.asOwner().body(Map.of("mode", "everyone", "groupIds", List.of(partners))).put("/api/v1/matters/{id}/access", matter)
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-access-list"))
                .body("errors[0].field", equalTo("groupIds"));
        firm.asOwner().body(Map.of("mode", "restricted", "userIds", List.of(ann), "blockedUserIds", List.of(ann)))
                .put("/api/v1/matters/{id}/access", matter).then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-access-list"));
        firm.asOwner().body(Map.of("mode", "secret")).put("/api/v1/matters/{id}/access", matter).then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        firm.asOwner().body(Map.of("groupIds", List.of(partners))).put("/api/v1/matters/{id}/access", matter).then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        firm.asOwner().body("{\"mode\":\"restricted\",\"userIds\":[\"not-a-uuid\"]}").put("/api/v1/matters/{id}/access", matter)
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().body("mode", equalTo("everyone"));
    }

    @Test
    void onlyAdministratorsChangeOrReadAccessLists() {
        TestFirm firm = Fixtures.firm();
        UUID ann = Fixtures.user(firm, "Ann Attorney", "billing");
        UUID matter = Fixtures.matter(firm, "2026-0006");
        firm.as(ann).body(Map.of("mode", "restricted", "userIds", List.of(ann))).put("/api/v1/matters/{id}/access", matter)
                .then().statusCode(403).body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(ann).get("/api/v1/matters/{id}/access", matter).then().statusCode(403);
    }

    @Test
    void manyEntriesAreAccepted() {
        TestFirm firm = Fixtures.firm();
        List<UUID> groups = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            groups.add(Fixtures.group(firm, "Group " + i));
        }
        UUID matter = Fixtures.matter(firm, "2026-0007");
        Fixtures.access(firm, matter, "restricted", groups, List.of(), List.of());
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().statusCode(200)
                .body("groups.size()", equalTo(60));
    }

    @Test
    void theAccessListIsKeptWithItsHistory() throws InterruptedException {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID matter = Fixtures.matter(firm, "2026-0008");
        Instant everyone = Instant.now();
        Thread.sleep(20);
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(), List.of());
        Thread.sleep(20);
        Instant restricted = Instant.now();
        Thread.sleep(20);
        Fixtures.access(firm, matter, "restricted", List.of(), List.of(ann), List.of());

        firm.asOwner().queryParam("at", everyone.toString()).get("/api/v1/matters/{id}/access", matter).then().statusCode(200)
                .body("mode", equalTo("everyone")).body("groups", empty()).body("at", equalTo(everyone.toString()));
        firm.asOwner().queryParam("at", restricted.toString()).get("/api/v1/matters/{id}/access", matter).then()
                .body("mode", equalTo("restricted")).body("groups.name", contains("Partners")).body("users", empty());
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then()
                .body("groups", empty()).body("users.name", contains("Ann Attorney")).body("version", equalTo(3));
        firm.asOwner().queryParam("at", "2000-01-01T00:00:00Z").get("/api/v1/matters/{id}/access", matter).then().statusCode(404);
        firm.asOwner().queryParam("at", "yesterday").get("/api/v1/matters/{id}/access", matter).then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
    }
}
