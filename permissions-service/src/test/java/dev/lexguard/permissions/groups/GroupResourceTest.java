package dev.lexguard.permissions.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.IdentityEventsProducer;
import dev.lexguard.permissions.PermissionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupResourceTest {

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
    void administratorCreatesRenamesAndDeletesAGroupWithEvents() {
        TestFirm firm = Fixtures.firm();
        String id = firm.asOwner().body(Map.of("name", "  Family law ", "description", "Family matters", "kind", "practice_area"))
                .post("/api/v1/groups").then().statusCode(201)
                .header("Location", containsString("/api/v1/groups/"))
                .body("name", equalTo("Family law")).body("kind", equalTo("practice_area")).extract().path("id");
        JsonNode created = topic.await("dev.lexguard.permissions.group.created", e -> e.path("subject").asText().equals(id));
        assertThat(created.at("/data/name").asText()).isEqualTo("Family law");
        assertThat(created.at("/data/kind").asText()).isEqualTo("practice_area");
        assertThat(created.path("actorid").asText()).isEqualTo(firm.ownerId().toString());

        firm.asOwner().body(Map.of("name", "Family & estates", "kind", "practice_area"))
                .put("/api/v1/groups/{id}", id).then().statusCode(200).body("name", equalTo("Family & estates"))
                .body("description", equalTo(""));
        topic.await("dev.lexguard.permissions.group.updated", e -> e.path("subject").asText().equals(id)
                && e.at("/data/name").asText().equals("Family & estates"));

        firm.asOwner().delete("/api/v1/groups/{id}", id).then().statusCode(204);
        JsonNode deleted = topic.await("dev.lexguard.permissions.group.deleted", e -> e.path("subject").asText().equals(id));
        assertThat(deleted.at("/data/reassignedTo").isNull()).isTrue();
        firm.asOwner().get("/api/v1/groups/{id}", id).then().statusCode(404);
        // the name is free again
        firm.asOwner().body(Map.of("name", "Family & estates", "kind", "other")).post("/api/v1/groups").then().statusCode(201);
    }

    @Test
    void groupUpdatedCarriesThePreviousValuesOfExactlyTheChangedFields() {
        TestFirm firm = Fixtures.firm();
        String id = firm.asOwner().body(Map.of("name", "Family law", "description", "Family matters", "kind", "practice_area"))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        firm.asOwner().body(Map.of("name", "Family law", "description", "Family matters", "kind", "office"))
                .put("/api/v1/groups/{id}", id).then().statusCode(200);
        JsonNode updated = topic.await("dev.lexguard.permissions.group.updated", e -> e.path("subject").asText().equals(id));
        assertThat(updated.at("/data/kind").asText()).isEqualTo("office");
        assertThat(updated.at("/data/previous").size()).isEqualTo(1);
        assertThat(updated.at("/data/previous/kind").asText()).isEqualTo("practice_area");
    }

    @Test
    void groupNamesAreUniqueIgnoringCase() {
        TestFirm firm = Fixtures.firm();
        Fixtures.group(firm, "Partners");
        UUID associates = Fixtures.group(firm, "Associates");
        firm.asOwner().body(Map.of("name", "PARTNERS", "kind", "role")).post("/api/v1/groups").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/duplicate-name"));
        firm.asOwner().body(Map.of("name", "partners", "kind", "role")).put("/api/v1/groups/{id}", associates).then().statusCode(409);
        // another firm may use the name
        TestFirm other = Fixtures.firm();
        other.asOwner().body(Map.of("name", "Partners", "kind", "role")).post("/api/v1/groups").then().statusCode(201);
    }

    @Test
    void onlyAdministratorsManageGroupsButEveryoneReadsThem() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Biller", "billing", "reporting", "accounts");
        UUID group = Fixtures.group(firm, "Paralegals");
        firm.as(bea).body(Map.of("name", "Rogue", "kind", "other")).post("/api/v1/groups").then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(bea).body(Map.of("name", "Rogue", "kind", "other")).put("/api/v1/groups/{id}", group).then().statusCode(403);
        firm.as(bea).delete("/api/v1/groups/{id}", group).then().statusCode(403);
        firm.as(bea).put("/api/v1/groups/{id}/members/{user}", group, bea).then().statusCode(403);
        firm.as(bea).get("/api/v1/groups").then().statusCode(200).body("items.name", contains("Paralegals"));
        firm.as(bea).get("/api/v1/groups/{id}", group).then().statusCode(200).body("name", equalTo("Paralegals"));
    }

    @Test
    void badGroupBodiesAreProblems() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().body(Map.of("name", "X", "kind", "club")).post("/api/v1/groups").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field")).body("errors[0].field", equalTo("kind"));
        firm.asOwner().body(Map.of("name", "   ", "kind", "other")).post("/api/v1/groups").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed")).body("errors[0].field", equalTo("name"));
        firm.asOwner().body(Map.of("name", "x".repeat(101), "kind", "other")).post("/api/v1/groups").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        firm.asOwner().body(Map.of("name", "Nameless")).post("/api/v1/groups").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        firm.asOwner().get("/api/v1/groups").then().body("items", empty());
    }

    @Test
    void membersAreAddedOnceListedAndRemovedWithEvents() {
        TestFirm firm = Fixtures.firm();
        UUID group = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bob = Fixtures.user(firm, "Bob Barrister");
        Fixtures.addMember(firm, group, bob);
        Fixtures.addMember(firm, group, ann);
        Fixtures.addMember(firm, group, ann);
        firm.asOwner().get("/api/v1/groups/{id}/members", group).then().statusCode(200)
                .body("items.displayName", contains("Ann Attorney", "Bob Barrister"))
                .body("items[0].since", notNullValue());
        firm.asOwner().delete("/api/v1/groups/{id}/members/{user}", group, bob).then().statusCode(204);
        firm.asOwner().delete("/api/v1/groups/{id}/members/{user}", group, bob).then().statusCode(404);
        firm.asOwner().get("/api/v1/groups/{id}/members", group).then().body("items.displayName", contains("Ann Attorney"));

        topic.await("dev.lexguard.permissions.groupmember.removed", e -> e.at("/data/userId").asText().equals(bob.toString()));
        List<String> membershipEvents = topic.forFirm(firm.firmId().toString()).stream()
                .filter(e -> e.path("type").asText().startsWith("dev.lexguard.permissions.groupmember."))
                .map(e -> e.path("type").asText().substring("dev.lexguard.permissions.groupmember.".length()) + ":"
                        + (e.at("/data/userId").asText().equals(ann.toString()) ? "ann" : "bob"))
                .toList();
        assertThat(membershipEvents).containsExactly("added:bob", "added:ann", "removed:bob");
    }

    @Test
    void membershipNeedsAUserAndAGroupOfTheFirm() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID group = Fixtures.group(firm, "Partners");
        UUID theirGroup = Fixtures.group(other, "Partners");
        UUID stranger = Fixtures.user(other, "Sam Stranger");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        firm.asOwner().put("/api/v1/groups/{id}/members/{user}", group, stranger).then().statusCode(404);
        firm.asOwner().put("/api/v1/groups/{id}/members/{user}", theirGroup, ann).then().statusCode(404);
        firm.asOwner().get("/api/v1/groups/{id}/members", theirGroup).then().statusCode(404);
        firm.asOwner().get("/api/v1/groups/{id}", theirGroup).then().statusCode(404);
        firm.asOwner().body(Map.of("name", "Mine now", "kind", "other")).put("/api/v1/groups/{id}", theirGroup).then().statusCode(404);
        firm.asOwner().delete("/api/v1/groups/{id}", theirGroup).then().statusCode(404);
        other.asOwner().get("/api/v1/groups/{id}", theirGroup).then().statusCode(200).body("name", equalTo("Partners"));
        firm.asOwner().get("/api/v1/groups/{id}/members", group).then().body("items", empty());
    }

    @Test
    void aDeactivatedUserCannotJoinAGroup() {
        TestFirm firm = Fixtures.firm();
        UUID group = Fixtures.group(firm, "Partners");
        UUID gone = Fixtures.user(firm, "Gil Gone");
        IdentityEventsProducer.send(IdentityEventsProducer.userDeactivated(firm.firmId(), gone, firm.ownerId()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "deactivated".equals(firm.asOwner().get("/api/v1/permissions/users/{id}", gone).jsonPath().getString("status")));
        firm.asOwner().put("/api/v1/groups/{id}/members/{user}", group, gone).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/user-deactivated"));
    }

    @Test
    void groupsArePagedByName() {
        TestFirm firm = Fixtures.firm();
        for (String name : List.of("Delta", "Alpha", "Charlie", "Bravo", "Echo")) {
            Fixtures.group(firm, name);
        }
        String cursor = firm.asOwner().queryParam("limit", 2).get("/api/v1/groups").then().statusCode(200)
                .body("items.name", contains("Alpha", "Bravo")).extract().path("nextCursor");
        String last = firm.asOwner().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/groups").then()
                .body("items.name", contains("Charlie", "Delta")).extract().path("nextCursor");
        firm.asOwner().queryParam("limit", 2).queryParam("cursor", last).get("/api/v1/groups").then()
                .body("items.name", contains("Echo")).body("nextCursor", nullValue());
        firm.asOwner().queryParam("cursor", "garbage").get("/api/v1/groups").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        Fixtures.firm().asOwner().queryParam("cursor", cursor).get("/api/v1/groups").then().statusCode(400);
        firm.asOwner().queryParam("limit", 0).get("/api/v1/groups").then().statusCode(400);
    }

    @Test
    void aGroupThatRestrictsMattersIsNotDeletedWithoutReassignment() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID estates = Fixtures.group(firm, "Estates");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID matter = Fixtures.matter(firm, "2026-0101");
        Fixtures.access(firm, matter, "restricted", List.of(family), List.of(ann), List.of());

        firm.asOwner().delete("/api/v1/groups/{id}", family).then().statusCode(409)
                .body("type", equalTo("https://lexguard.dev/problems/group-in-use"))
                .body("detail", containsString("2026-0101"));
        firm.asOwner().delete("/api/v1/groups/{id}?reassignTo={to}", family, family).then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-reassignment"));
        firm.asOwner().delete("/api/v1/groups/{id}?reassignTo={to}", family, UUID.randomUUID()).then().statusCode(422);
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().body("groups.name", contains("Family law"));

        firm.asOwner().delete("/api/v1/groups/{id}?reassignTo={to}", family, estates).then().statusCode(204);
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().statusCode(200)
                .body("groups.name", contains("Estates")).body("users.name", contains("Ann Attorney"));
        JsonNode changed = topic.await("dev.lexguard.permissions.matteraccess.changed",
                e -> e.path("subject").asText().equals(matter.toString()) && e.at("/data/groupIds/0").asText().equals(estates.toString()));
        assertThat(changed.path("matterid").asText()).isEqualTo(matter.toString());
        assertThat(changed.at("/data/userIds/0").asText()).isEqualTo(ann.toString());
        JsonNode deleted = topic.await("dev.lexguard.permissions.group.deleted", e -> e.path("subject").asText().equals(family.toString()));
        assertThat(deleted.at("/data/reassignedTo").asText()).isEqualTo(estates.toString());
        assertThat(deleted.at("/data/affectedMatterIds/0").asText()).isEqualTo(matter.toString());
        firm.asOwner().get("/api/v1/groups").then().body("items.name", hasSize(1));
    }
}
