package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story 2: a paralegal outside a restricted matter's groups sees neither the matter, nor its feed entries, nor the
 * restricted activity description; once added to the group all three appear, older feed entries included.
 */
@ExtendWith(TheSystem.class)
class RestrictedMatterStoryIT {

    @Test
    void joiningTheGroupRevealsTheMatterItsHistoryAndTheRestrictedDescription() throws Exception {
        Firm firm = Firm.signUp("Story Two LLP");
        String owner = firm.ownerToken();
        UUID pam = firm.person("pam", "Pam Paralegal");
        String pamToken = Firm.login(firm.email("pam"), null).get("accessToken");
        String partners = TheSystem.as(owner).body(Map.of("name", "Partners", "kind", "role")).post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        String matter = TheSystem.as(owner).body(Map.of("displayNumber", "2026-0042", "description", "Okafor v. Lane: custody",
                "status", "open")).post("/api/v1/matters").then().statusCode(201).extract().path("id");
        TheSystem.as(owner).body(Map.of("mode", "restricted", "groupIds", List.of(partners), "userIds", List.of(),
                "blockedUserIds", List.of())).put("/api/v1/matters/" + matter + "/access").then().statusCode(200);
        String description = TheSystem.as(owner).body(Map.of("name", "Custody strategy call", "category", "Advice",
                "visibility", "groups", "groupIds", List.of(partners))).post("/api/v1/activity-descriptions")
                .then().statusCode(201).extract().path("id");

        // The owner (an administrator) sees the matter's history in the feed; of it, the entries about the matter
        // itself are for anyone who can see the matter (access-list changes are permission entries: administrators').
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).get("/api/v1/feed/matters/" + matter).then().statusCode(200).extract()
                        .jsonPath().getList("items").size() >= 2);
        List<String> history = TheSystem.as(owner).get("/api/v1/feed/matters/" + matter).then().extract().jsonPath()
                .getList("items.findAll { it.category == 'matters' }.id");
        assertThat(history).isNotEmpty();

        // Pam sees none of it: the matter, its feed, the restricted description.
        TheSystem.as(pamToken).get("/api/v1/matters").then().statusCode(200).body("items.id", not(hasItem(matter)));
        TheSystem.as(pamToken).get("/api/v1/matters/" + matter).then().statusCode(404);
        TheSystem.as(pamToken).get("/api/v1/feed/matters/" + matter).then().statusCode(404);
        TheSystem.as(pamToken).queryParam("matterId", matter).get("/api/v1/feed").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
        TheSystem.as(pamToken).get("/api/v1/activity-descriptions").then().statusCode(200).body("items.id", not(hasItem(description)));
        TheSystem.as(pamToken).get("/api/v1/activity-descriptions/" + description).then().statusCode(404);

        TheSystem.as(owner).put("/api/v1/groups/" + partners + "/members/" + pam).then().statusCode(204);

        TheSystem.as(pamToken).get("/api/v1/matters").then().statusCode(200).body("items.id", hasItem(matter));
        TheSystem.as(pamToken).get("/api/v1/matters/" + matter).then().statusCode(200);
        TheSystem.as(pamToken).get("/api/v1/activity-descriptions/" + description).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                TheSystem.as(pamToken).get("/api/v1/feed/matters/" + matter).statusCode() == 200);
        List<String> seen = TheSystem.as(pamToken).get("/api/v1/feed/matters/" + matter).then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(seen).as("the matter's older entries appear too").containsAll(history);
    }
}
