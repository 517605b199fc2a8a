package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story (issue 19): a family lawyer keeps her lists to her practice area with a group filter (matters and feed, then a
 * saved default), the owner changes a matter and sees its before and after in the feed, then reviews the week's firm
 * feed: the digest names the access-list changes, she flags one, records the review and exports its evidence, whose
 * chain head is the one the feed verifies. A reviewer the firm did not name may not review.
 */
@ExtendWith(TheSystem.class)
class FeedReviewStoryIT {

    @Test
    void filterByPracticeAreaReviewTheWeeksFeedAndExportTheEvidence() throws Exception {
        Firm firm = Firm.signUp("Story Review LLP");
        String owner = firm.ownerToken();
        UUID fran = firm.person("fran", "Fran Family");
        firm.person("pat", "Pat Partner");
        String franToken = Firm.login(firm.email("fran"), null).get("accessToken");
        String family = TheSystem.as(owner).body(Map.of("name", "Family law", "kind", "practice_area")).post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        String partners = TheSystem.as(owner).body(Map.of("name", "Partners", "kind", "role")).post("/api/v1/groups")
                .then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).put("/api/v1/groups/" + family + "/members/" + fran).statusCode() == 204);
        String adoption = matter(owner, "2026-0101", "Okafor: adoption");
        String merger = matter(owner, "2026-0102", "Lane Holdings: merger");
        String partnership = matter(owner, "2026-0103", "Partnership review");
        access(owner, adoption, List.of(family, partners));
        access(owner, partnership, List.of(partners));

        // Fran's lists: by her practice area, by "mine", by her saved default; group=all lifts the filter, never the wall
        assertThat(numbers(TheSystem.as(franToken).queryParam("group", family).get("/api/v1/matters")))
                .containsExactly("2026-0101");
        assertThat(numbers(TheSystem.as(franToken).queryParam("group", "mine").get("/api/v1/matters")))
                .containsExactly("2026-0101");
        TheSystem.as(franToken).body(Map.of("groups", List.of("mine"))).put("/api/v1/groups/default-filter").then().statusCode(200);
        assertThat(numbers(TheSystem.as(franToken).get("/api/v1/matters"))).containsExactly("2026-0101");
        assertThat(numbers(TheSystem.as(franToken).queryParam("group", "all").get("/api/v1/matters")))
                .containsExactly("2026-0101", "2026-0102");
        // a group she is not in filters to what she may see of it: nothing of the partners' own matter
        assertThat(numbers(TheSystem.as(franToken).queryParam("group", partners).get("/api/v1/matters")))
                .containsExactly("2026-0101");

        // her feed follows the same filter: only entries about the family matter, once the feed has them
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                !TheSystem.as(franToken).queryParam("group", family).get("/api/v1/feed").then().statusCode(200)
                        .extract().jsonPath().getList("items").isEmpty());
        List<String> franMatters = TheSystem.as(franToken).queryParam("group", family).get("/api/v1/feed").then()
                .statusCode(200).extract().jsonPath().getList("items.matter.id");
        assertThat(franMatters).isNotEmpty().allMatch(adoption::equals);

        // the owner renames the merger matter: its feed entry shows the description before and after
        TheSystem.as(owner).body(Map.of("displayNumber", "2026-0102", "description", "Lane Holdings: merger and financing",
                "status", "open")).put("/api/v1/matters/" + merger).then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).queryParam("matterId", merger).get("/api/v1/feed").then().extract().jsonPath()
                        .getList("items.findAll { it.changes.size() > 0 }").size() > 0);
        JsonPath changed = TheSystem.as(owner).queryParam("matterId", merger).get("/api/v1/feed").then().extract().jsonPath();
        assertThat(changed.getList("items.find { it.changes.size() > 0 }.changes.field")).contains("description");
        assertThat(changed.getString("items.find { it.changes.size() > 0 }.changes.find { it.field == 'description' }.before"))
                .isEqualTo("Lane Holdings: merger");

        // Fran is not a reviewer: the review is not hers to read
        TheSystem.as(franToken).get("/api/v1/feed/reviews/due").then().statusCode(403);

        // the owner reviews the week: the digest names both access-list changes; she flags the partners' one
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).get("/api/v1/feed/reviews/due").then().statusCode(200).extract().jsonPath()
                        .getLong("digest.sections.accessListChanges.count") >= 2);
        JsonPath due = TheSystem.as(owner).get("/api/v1/feed/reviews/due").then().statusCode(200).extract().jsonPath();
        assertThat(due.getLong("digest.byCategory.permissions")).isPositive();
        List<String> accessChanges = due.getList("digest.sections.accessListChanges.entries.id");
        String flagged = accessChanges.stream().filter(id -> partnership.equals(TheSystem.as(owner)
                .get("/api/v1/feed/entries/" + id).then().statusCode(200).extract().path("matter.id"))).findFirst().orElseThrow();
        // once the feed is quiet, the head the owner verifies is the head her review covers
        String[] head = {""};
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1500)).until(() -> {
            JsonPath verified = TheSystem.as(owner).get("/api/v1/feed/verify").then().statusCode(200).extract().jsonPath();
            String now = verified.getBoolean("valid") + " " + verified.getLong("head.seq") + " " + verified.getString("head.hash");
            boolean quiet = now.equals(head[0]);
            head[0] = now;
            return quiet;
        });
        String review = TheSystem.as(owner).body(Map.of("note", "Weekly check: the partnership review was walled on purpose",
                "flaggedEntryIds", List.of(flagged))).post("/api/v1/feed/reviews").then().statusCode(201).extract().path("id");

        // the evidence: JSON with the chain head the review covered (the one the feed verified), and CSV
        JsonPath evidence = TheSystem.as(owner).get("/api/v1/feed/reviews/" + review + "/evidence").then().statusCode(200)
                .extract().jsonPath();
        assertThat(evidence.getList("review.flagged.id")).containsExactly(flagged);
        assertThat("true " + evidence.getLong("review.head.seq") + " " + evidence.getString("review.head.hash")).isEqualTo(head[0]);
        String csv = TheSystem.as(owner).queryParam("format", "csv").get("/api/v1/feed/reviews/" + review + "/evidence")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("review");
        assertThat(csv).contains(flagged);

        // the review itself is in the firm feed, and the next one is not due before a week has passed
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).get("/api/v1/feed").then().extract().jsonPath().getList("items.type")
                        .contains("dev.lexguard.feed.review.completed"));
        TheSystem.as(owner).get("/api/v1/feed/reviews/due").then().statusCode(200)
                .body("lastReview.id", org.hamcrest.Matchers.equalTo(review)).body("due", org.hamcrest.Matchers.equalTo(false));
    }

    private static String matter(String token, String number, String description) {
        return TheSystem.as(token).body(Map.of("displayNumber", number, "description", description, "status", "open"))
                .post("/api/v1/matters").then().statusCode(201).extract().path("id");
    }

    private static void access(String token, String matter, List<String> groups) {
        TheSystem.as(token).body(Map.of("mode", "restricted", "groupIds", groups, "userIds", List.of(), "blockedUserIds", List.of()))
                .put("/api/v1/matters/" + matter + "/access").then().statusCode(200);
    }

    private static List<String> numbers(io.restassured.response.Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("items.displayNumber");
    }
}
