package dev.lexguard.permissions.groupfilters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.PermissionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GroupFilterResourceTest {

    private static final String MATTERS = "/api/v1/matters";
    private static final String DESCRIPTIONS = "/api/v1/activity-descriptions";
    private static final String DEFAULT_FILTER = "/api/v1/groups/default-filter";
    private static final String PROBLEMS = "https://lexguard.dev/problems/";

    private static UUID restricted(TestFirm firm, String number, List<UUID> groups) {
        UUID matter = Fixtures.matter(firm, number);
        Fixtures.access(firm, matter, "restricted", groups, List.of(), List.of());
        return matter;
    }

    private static void description(TestFirm firm, String name, List<UUID> groups) {
        firm.asOwner().body(Map.of("name", name, "visibility", groups.isEmpty() ? "everyone" : "groups", "groupIds", groups))
                .post(DESCRIPTIONS).then().statusCode(201);
    }

    @Test
    void mattersAreFilteredByOneGroupSeveralGroupsOrTheCallersGroups() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID london = Fixtures.group(firm, "London");
        UUID fay = Fixtures.user(firm, "Fay Family");
        Fixtures.addMember(firm, family, fay);
        Fixtures.addMember(firm, london, fay);
        restricted(firm, "M-1", List.of(family));
        restricted(firm, "M-2", List.of(tax));
        restricted(firm, "M-3", List.of(family, tax));
        Fixtures.matter(firm, "M-4");
        restricted(firm, "M-5", List.of(london));

        firm.asOwner().get(MATTERS).then().statusCode(200).body("items.displayNumber", contains("M-1", "M-2", "M-3", "M-4", "M-5"));
        firm.asOwner().queryParam("group", family.toString()).get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-1", "M-3"));
        firm.asOwner().queryParam("group", family.toString(), tax.toString()).get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-1", "M-2", "M-3"));
        // the owner is in no group
        firm.asOwner().queryParam("group", "mine").get(MATTERS).then().statusCode(200).body("items", empty());
        firm.as(fay).queryParam("group", "mine").get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-1", "M-3", "M-5"));
        firm.as(fay).queryParam("group", "mine", tax.toString()).get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-1", "M-3", "M-5"));
        // a filter never shows more: Fay is not in Tax, so M-2 stays hidden; M-3 she sees through Family law
        firm.as(fay).queryParam("group", tax.toString()).get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-3"));
    }

    @Test
    void aWalledMatterStaysHiddenEvenIfItsListNamesTheGroup() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID carl = Fixtures.user(firm, "Carl Conflicted");
        Fixtures.addMember(firm, family, ada);
        Fixtures.addMember(firm, family, carl);
        restricted(firm, "M-1", List.of(family));
        UUID walled = Fixtures.matter(firm, "M-2");
        Fixtures.access(firm, walled, "restricted", List.of(family), List.of(), List.of(ada, carl));
        Fixtures.matter(firm, "M-3");

        for (UUID walledUser : List.of(ada, carl)) {
            firm.as(walledUser).queryParam("group", family.toString()).get(MATTERS).then().statusCode(200)
                    .body("items.displayNumber", contains("M-1"));
            firm.as(walledUser).queryParam("group", "mine").get(MATTERS).then().statusCode(200)
                    .body("items.displayNumber", contains("M-1"));
        }
        firm.asOwner().queryParam("group", family.toString()).get(MATTERS).then().body("items.displayNumber", contains("M-1", "M-2"));
    }

    @Test
    void theSavedDefaultAppliesWhenNoGroupIsGivenAndAllTurnsItOff() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID fay = Fixtures.user(firm, "Fay Family");
        Fixtures.addMember(firm, family, fay);
        restricted(firm, "M-1", List.of(family));
        restricted(firm, "M-2", List.of(tax));
        Fixtures.matter(firm, "M-3");
        description(firm, "Court appearance", List.of(family));
        description(firm, "Tax return", List.of(tax));
        description(firm, "Phone call", List.of());

        firm.asOwner().get(DEFAULT_FILTER).then().statusCode(200).body("groups", empty());
        firm.asOwner().body(Map.of("groups", List.of(tax.toString()))).put(DEFAULT_FILTER).then().statusCode(200)
                .body("groups", contains(tax.toString()));
        firm.asOwner().get(DEFAULT_FILTER).then().statusCode(200).body("groups", contains(tax.toString()));
        firm.asOwner().get(MATTERS).then().statusCode(200).body("items.displayNumber", contains("M-2"));
        firm.asOwner().get(DESCRIPTIONS).then().statusCode(200).body("items.name", contains("Tax return"));
        firm.asOwner().queryParam("group", "all").get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-1", "M-2", "M-3"));
        firm.asOwner().queryParam("group", "all").get(DESCRIPTIONS).then().statusCode(200)
                .body("items.name", contains("Court appearance", "Phone call", "Tax return"));
        firm.asOwner().queryParam("group", family.toString()).get(MATTERS).then().body("items.displayNumber", contains("M-1"));

        // each user has their own default; Fay's mine follows her groups
        firm.as(fay).get(MATTERS).then().body("items.displayNumber", contains("M-1", "M-3"));
        firm.as(fay).body(Map.of("groups", List.of("mine"))).put(DEFAULT_FILTER).then().statusCode(200).body("groups", contains("mine"));
        firm.as(fay).get(MATTERS).then().body("items.displayNumber", contains("M-1"));
        firm.as(fay).get(DESCRIPTIONS).then().body("items.name", contains("Court appearance"));
        firm.asOwner().get(MATTERS).then().body("items.displayNumber", contains("M-2"));

        firm.asOwner().body(Map.of("groups", List.of())).put(DEFAULT_FILTER).then().statusCode(200).body("groups", empty());
        firm.asOwner().get(DEFAULT_FILTER).then().body("groups", empty());
        firm.asOwner().get(MATTERS).then().body("items.displayNumber", contains("M-1", "M-2", "M-3"));
    }

    @Test
    void deletingAGroupTakesItOutOfSavedFiltersOrPutsItsReplacementInItsPlace() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID unused = Fixtures.group(firm, "Unused");
        UUID merged = Fixtures.group(firm, "Family (old)");
        UUID fay = Fixtures.user(firm, "Fay Family");
        UUID bob = Fixtures.user(firm, "Bob Books");
        restricted(firm, "M-1", List.of(merged));
        restricted(firm, "M-2", List.of(family));

        firm.asOwner().body(Map.of("groups", List.of("mine", unused.toString()))).put(DEFAULT_FILTER).then().statusCode(200);
        firm.as(fay).body(Map.of("groups", List.of(unused.toString()))).put(DEFAULT_FILTER).then().statusCode(200);
        firm.as(bob).body(Map.of("groups", List.of(merged.toString()))).put(DEFAULT_FILTER).then().statusCode(200);
        firm.as(fay).get(MATTERS).then().body("items", empty());

        firm.asOwner().delete("/api/v1/groups/{id}", unused).then().statusCode(204);
        firm.asOwner().get(DEFAULT_FILTER).then().body("groups", contains("mine"));
        // a filter left empty is removed: Fay sees her whole list again, not nothing
        firm.as(fay).get(DEFAULT_FILTER).then().body("groups", empty());

        firm.asOwner().queryParam("reassignTo", family).delete("/api/v1/groups/{id}", merged).then().statusCode(204);
        firm.as(bob).get(DEFAULT_FILTER).then().body("groups", contains(family.toString()));
        firm.asOwner().queryParam("group", family.toString()).get(MATTERS).then().body("items.displayNumber", contains("M-1", "M-2"));
        firm.asOwner().queryParam("group", merged.toString()).get(MATTERS).then().statusCode(404);
    }

    @Test
    void savingTheDefaultPublishesTheGroupsAsSavedAndAsTheyWere() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID fay = Fixtures.user(firm, "Fay Family");
        String changed = "dev.lexguard.permissions.groupfilter.changed";
        try (PermissionsTopic topic = new PermissionsTopic()) {
            firm.as(fay).body(Map.of("groups", List.of(tax.toString(), "mine"))).put(DEFAULT_FILTER).then().statusCode(200);
            JsonNode first = topic.await(changed, e -> e.path("firmid").asText().equals(firm.firmId().toString()));
            assertThat(first.path("subject").asText()).isEqualTo(fay.toString());
            assertThat(first.path("actorid").asText()).isEqualTo(fay.toString());
            assertThat(first.at("/data/userId").asText()).isEqualTo(fay.toString());
            assertThat(texts(first.at("/data/groups"))).containsExactly("mine", tax.toString());
            assertThat(texts(first.at("/data/previousGroups"))).isEmpty();

            firm.as(fay).body(Map.of("groups", List.of(family.toString()))).put(DEFAULT_FILTER).then().statusCode(200);
            JsonNode second = topic.await(changed, e -> e.path("firmid").asText().equals(firm.firmId().toString())
                    && e.at("/data/groups/0").asText().equals(family.toString()));
            assertThat(texts(second.at("/data/previousGroups"))).containsExactly("mine", tax.toString());

            firm.as(fay).body(Map.of("groups", List.of())).put(DEFAULT_FILTER).then().statusCode(200);
            JsonNode removed = topic.await(changed, e -> e.path("firmid").asText().equals(firm.firmId().toString())
                    && e.at("/data/groups").isEmpty());
            assertThat(texts(removed.at("/data/previousGroups"))).containsExactly(family.toString());

            // a refused filter publishes nothing
            firm.as(fay).body(Map.of("groups", List.of(UUID.randomUUID().toString()))).put(DEFAULT_FILTER).then().statusCode(400);
            firm.as(fay).body(Map.of("groups", List.of("mine"))).put(DEFAULT_FILTER).then().statusCode(200);
            topic.await(changed, e -> e.path("firmid").asText().equals(firm.firmId().toString())
                    && texts(e.at("/data/groups")).equals(List.of("mine")));
            assertThat(topic.forFirm(firm.firmId().toString()).stream().filter(e -> e.path("type").asText().equals(changed)))
                    .hasSize(4);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void aGroupTheFirmDoesNotHaveIsNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID theirs = Fixtures.group(other, "Family law");
        UUID ours = Fixtures.group(firm, "Family law");
        Fixtures.matter(firm, "M-1");

        for (String path : List.of(MATTERS, DESCRIPTIONS)) {
            for (UUID group : List.of(theirs, UUID.randomUUID())) {
                firm.asOwner().queryParam("group", ours.toString(), group.toString()).get(path).then().statusCode(404)
                        .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
            }
        }
        firm.asOwner().body(Map.of("groups", List.of(ours.toString(), theirs.toString()))).put(DEFAULT_FILTER).then()
                .statusCode(400).body("type", equalTo(PROBLEMS + "unknown-principals"))
                .body("errors[0].message", equalTo(theirs + " is not a group of this firm"));
        firm.asOwner().get(DEFAULT_FILTER).then().body("groups", empty());
    }

    @Test
    void malformedFiltersAreBadRequests() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        List<String> tooMany = new ArrayList<>(Collections.nCopies(51, family.toString()));
        for (String path : List.of(MATTERS, DESCRIPTIONS)) {
            for (List<String> bad : List.of(List.of("family"), List.of("all", "mine"),
                    List.of("all", family.toString()), List.of(family.toString().replace("-", "")), tooMany)) {
                firm.asOwner().queryParam("group", bad.toArray()).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-group-filter"))
                        .body("errors[0].field", equalTo("group"));
            }
        }
        for (List<String> bad : List.of(List.of("all"), List.of("nonsense"), tooMany)) {
            firm.asOwner().body(Map.of("groups", bad)).put(DEFAULT_FILTER).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        firm.asOwner().body(Map.of()).put(DEFAULT_FILTER).then().statusCode(400);
        firm.asOwner().body("[\"mine\"]").put(DEFAULT_FILTER).then().statusCode(400);
    }

    @Test
    void aCursorContinuesOnlyTheFilterItWasIssuedFor() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        for (int i = 1; i <= 7; i++) {
            restricted(firm, "M-" + i, List.of(i % 2 == 1 ? family : tax));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String firstCursor = null;
        do {
            var spec = firm.asOwner().queryParam("group", family.toString()).queryParam("limit", 2);
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            var page = spec.get(MATTERS).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.displayNumber"));
            cursor = page.getString("nextCursor");
            firstCursor = firstCursor == null ? cursor : firstCursor;
        } while (cursor != null);
        assertThat(seen).containsExactly("M-1", "M-3", "M-5", "M-7");

        for (List<String> other : List.of(List.of(tax.toString()), List.of("all"), List.of("mine"),
                List.of(family.toString(), tax.toString()))) {
            firm.asOwner().queryParam("group", other.toArray()).queryParam("limit", 2).queryParam("cursor", firstCursor)
                    .get(MATTERS).then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-cursor"));
        }
        firm.asOwner().queryParam("limit", 2).queryParam("cursor", firstCursor).get(MATTERS).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-cursor"));

        // an unfiltered cursor does not continue a filtered list either
        String unfiltered = firm.asOwner().queryParam("limit", 2).get(MATTERS).then().statusCode(200)
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        firm.asOwner().queryParam("group", family.toString()).queryParam("cursor", unfiltered).get(MATTERS).then()
                .statusCode(400).body("type", equalTo(PROBLEMS + "invalid-cursor"));
        firm.asOwner().queryParam("cursor", unfiltered).queryParam("limit", 10).get(MATTERS).then().statusCode(200)
                .body("items.displayNumber", contains("M-3", "M-4", "M-5", "M-6", "M-7")).body("nextCursor", nullValue());
    }

    @Test
    void descriptionsAreFilteredAfterAccess() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID fay = Fixtures.user(firm, "Fay Family");
        Fixtures.addMember(firm, family, fay);
        description(firm, "Court appearance", List.of(family));
        description(firm, "Tax return", List.of(tax));
        description(firm, "Mediation", List.of(family, tax));
        description(firm, "Phone call", List.of());

        firm.as(fay).queryParam("group", "mine").get(DESCRIPTIONS).then().statusCode(200)
                .body("items.name", contains("Court appearance", "Mediation"));
        // Fay may not see Tax return: the filter does not show it
        firm.as(fay).queryParam("group", tax.toString()).get(DESCRIPTIONS).then().statusCode(200)
                .body("items.name", contains("Mediation"));
        firm.asOwner().queryParam("group", tax.toString()).get(DESCRIPTIONS).then().statusCode(200)
                .body("items.name", contains("Mediation", "Tax return"));
    }
}
