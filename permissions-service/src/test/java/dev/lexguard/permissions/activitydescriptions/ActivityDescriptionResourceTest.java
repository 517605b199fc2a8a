package dev.lexguard.permissions.activitydescriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.PermissionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivityDescriptionResourceTest {

    private static final String CHANGED = "dev.lexguard.permissions.activitydescription.changed";
    private PermissionsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new PermissionsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    private static UUID create(TestFirm firm, String name, String visibility, List<UUID> groups) {
        String id = firm.asOwner().body(Map.of("name", name, "defaultRate", "120.50", "category", "General",
                "visibility", visibility, "groupIds", groups)).post("/api/v1/activity-descriptions").then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }

    @Test
    void listsShowOnlyWhatTheCallerMaySee() {
        TestFirm firm = Fixtures.firm();
        UUID litigators = Fixtures.group(firm, "Litigators");
        UUID family = Fixtures.group(firm, "Family law");
        UUID lia = Fixtures.user(firm, "Lia Litigator");
        UUID fay = Fixtures.user(firm, "Fay Family");
        UUID bea = Fixtures.user(firm, "Bea Books", "billing", "reporting", "accounts");
        Fixtures.addMember(firm, litigators, lia);
        Fixtures.addMember(firm, family, fay);
        create(firm, "Phone call", "everyone", List.of());
        UUID court = create(firm, "Court appearance", "groups", List.of(litigators));
        create(firm, "Mediation", "groups", List.of(family, litigators));

        firm.as(lia).get("/api/v1/activity-descriptions").then().statusCode(200)
                .body("items.name", contains("Court appearance", "Mediation", "Phone call"));
        firm.as(fay).get("/api/v1/activity-descriptions").then().body("items.name", contains("Mediation", "Phone call"));
        firm.as(bea).get("/api/v1/activity-descriptions").then().body("items.name", contains("Phone call"));
        firm.asOwner().get("/api/v1/activity-descriptions").then()
                .body("items.name", contains("Court appearance", "Mediation", "Phone call"));
        firm.as(fay).get("/api/v1/activity-descriptions/{id}", court).then().statusCode(404);
        firm.as(lia).get("/api/v1/activity-descriptions/{id}", court).then().statusCode(200)
                .body("defaultRate", equalTo(120.5f)).body("groupIds", contains(litigators.toString()));
        // leaving the group hides it again
        firm.asOwner().delete("/api/v1/groups/{g}/members/{u}", litigators, lia).then().statusCode(204);
        firm.as(lia).get("/api/v1/activity-descriptions").then().body("items.name", contains("Phone call"));
    }

    @Test
    void changesArePublishedWithTheFullState() {
        TestFirm firm = Fixtures.firm();
        UUID litigators = Fixtures.group(firm, "Litigators");
        UUID id = create(firm, "Court appearance", "everyone", List.of());
        JsonNode created = topic.await(CHANGED, e -> e.path("subject").asText().equals(id.toString()));
        assertThat(created.at("/data/change").asText()).isEqualTo("created");
        assertThat(created.at("/data/defaultRate").asText()).isEqualTo("120.50");
        assertThat(created.at("/data/visibility").asText()).isEqualTo("everyone");

        firm.asOwner().body(Map.of("name", "Court appearance (half day)", "visibility", "groups", "groupIds", List.of(litigators)))
                .put("/api/v1/activity-descriptions/{id}", id).then().statusCode(200)
                .body("defaultRate", nullValue()).body("category", nullValue()).body("visibility", equalTo("groups"));
        JsonNode updated = topic.await(CHANGED, e -> e.path("subject").asText().equals(id.toString())
                && e.at("/data/change").asText().equals("updated"));
        assertThat(updated.at("/data/groupIds/0").asText()).isEqualTo(litigators.toString());
        assertThat(updated.at("/data/defaultRate").isNull()).isTrue();

        firm.asOwner().delete("/api/v1/activity-descriptions/{id}", id).then().statusCode(204);
        topic.await(CHANGED, e -> e.path("subject").asText().equals(id.toString()) && e.at("/data/change").asText().equals("deleted"));
        firm.asOwner().get("/api/v1/activity-descriptions/{id}", id).then().statusCode(404);
        firm.asOwner().delete("/api/v1/activity-descriptions/{id}", id).then().statusCode(404);
    }

    @Test
    void badDescriptionsAreProblemsAndChangeNothing() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID theirGroup = Fixtures.group(other, "Litigators");
        UUID bea = Fixtures.user(firm, "Bea Books", "billing");
        create(firm, "Phone call", "everyone", List.of());
        firm.asOwner().body(Map.of("name", "PHONE CALL", "visibility", "everyone")).post("/api/v1/activity-descriptions")
                .then().statusCode(409).body("type", equalTo("https://lexguard.dev/problems/duplicate-name"));
        firm.asOwner().body(Map.of("name", "Court", "visibility", "groups")).post("/api/v1/activity-descriptions")
                .then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-visibility"));
        firm.asOwner().body(Map.of("name", "Court", "visibility", "groups", "groupIds", List.of(theirGroup)))
                .post("/api/v1/activity-descriptions").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/unknown-principals"))
                .body("errors[0].message", containsString(theirGroup.toString()));
        firm.asOwner().body(Map.of("name", "Court", "visibility", "everyone", "defaultRate", "-1"))
                .post("/api/v1/activity-descriptions").then().statusCode(400).body("errors[0].field", equalTo("defaultRate"));
        firm.asOwner().body(Map.of("name", "Court", "visibility", "everyone", "defaultRate", "1.234"))
                .post("/api/v1/activity-descriptions").then().statusCode(400).body("errors[0].field", equalTo("defaultRate"));
        firm.asOwner().body(Map.of("name", "Court", "visibility", "everyone", "defaultRate", "lots"))
                .post("/api/v1/activity-descriptions").then().statusCode(400).body("type", equalTo("https://lexguard.dev/problems/invalid-field"));
        firm.as(bea).body(Map.of("name", "Court", "visibility", "everyone")).post("/api/v1/activity-descriptions")
                .then().statusCode(403);
        firm.asOwner().get("/api/v1/activity-descriptions").then().body("items.name", contains("Phone call"));
        other.asOwner().get("/api/v1/activity-descriptions").then().body("items", empty());
    }

    @Test
    void deletingTheirGroupNeedsAReassignment() {
        TestFirm firm = Fixtures.firm();
        UUID litigators = Fixtures.group(firm, "Litigators");
        UUID trial = Fixtures.group(firm, "Trial team");
        UUID lia = Fixtures.user(firm, "Lia Litigator");
        Fixtures.addMember(firm, trial, lia);
        UUID court = create(firm, "Court appearance", "groups", List.of(litigators));
        firm.asOwner().delete("/api/v1/groups/{id}", litigators).then().statusCode(409)
                .body("detail", containsString("Court appearance"));
        firm.as(lia).get("/api/v1/activity-descriptions/{id}", court).then().statusCode(404);
        firm.asOwner().delete("/api/v1/groups/{id}?reassignTo={to}", litigators, trial).then().statusCode(204);
        firm.as(lia).get("/api/v1/activity-descriptions/{id}", court).then().statusCode(200).body("groupIds", contains(trial.toString()));
        JsonNode deleted = topic.await("dev.lexguard.permissions.group.deleted", e -> e.path("subject").asText().equals(litigators.toString()));
        assertThat(deleted.at("/data/affectedActivityDescriptionIds/0").asText()).isEqualTo(court.toString());
    }

    @Test
    void descriptionsArePagedByName() {
        TestFirm firm = Fixtures.firm();
        for (String name : List.of("C", "A", "B")) {
            create(firm, name, "everyone", List.of());
        }
        Map<String, Object> query = new HashMap<>(Map.of("limit", 2));
        String cursor = firm.asOwner().queryParams(query).get("/api/v1/activity-descriptions").then()
                .body("items.name", contains("A", "B")).extract().path("nextCursor");
        query.put("cursor", cursor);
        firm.asOwner().queryParams(query).get("/api/v1/activity-descriptions").then()
                .body("items.name", contains("C")).body("nextCursor", nullValue());
    }
}
