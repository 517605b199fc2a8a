package dev.lexguard.feed.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Groups as filters on the feed (issue 19), with permissions-service's semantics: group=<id> (repeatable), mine, all,
 * and the reader's saved default; a filter only ever takes entries away.
 */
@QuarkusTest
class GroupFilterFeedTest {

    private static final String FEED = "/api/v1/feed";
    private static final String MATTER_FEED = "/api/v1/feed/matters/{matterId}";
    private static final String EXPORT = "/api/v1/feed/export/ndjson";
    private static final String PROBLEMS = "https://lexguard.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A firm with groups Family law and Tax, matters restricted to each, an open matter and a document on each. */
    record Firm(TestFirm firm, UUID family, UUID tax, UUID familyMatter, UUID taxMatter, UUID openMatter) {
    }

    private static Firm firm() {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID familyMatter = Fixtures.restrictedMatter(firm, "F-1", List.of(family), List.of(), List.of());
        UUID taxMatter = Fixtures.restrictedMatter(firm, "T-1", List.of(tax), List.of(), List.of());
        UUID openMatter = Fixtures.matter(firm, "O-1");
        document(firm, familyMatter, "family.docx");
        document(firm, taxMatter, "tax.docx");
        document(firm, openMatter, "open.docx");
        return new Firm(firm, family, tax, familyMatter, taxMatter, openMatter);
    }

    private static void document(TestFirm firm, UUID matter, String name) {
        Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "document", "uploaded", matter, Instant.now(),
                Map.of("documentId", name, "fileName", name))));
    }

    private static RequestSpecification grouped(RequestSpecification request, String... groups) {
        return groups.length == 0 ? request : request.queryParam("group", (Object[]) groups);
    }

    /** The documents of the firm feed the reader sees with the given group entries, newest first. */
    private static List<String> documents(TestFirm firm, UUID reader, String... groups) {
        return grouped(firm.as(reader), groups).queryParam("objectType", "document").queryParam("limit", 200).get(FEED)
                .then().statusCode(200).extract().jsonPath().getList("items.object.id");
    }

    private static List<String> exported(TestFirm firm, UUID reader, String... groups) throws IOException {
        String body = grouped(firm.as(reader), groups).queryParam("objectType", "document")
                .queryParam("from", Instant.now().minus(1, ChronoUnit.HOURS).toString())
                .queryParam("to", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                .get(EXPORT).then().statusCode(200).extract().asString();
        List<String> ids = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                JsonNode entry = JSON.readTree(line);
                ids.add(entry.at("/object/id").asText());
            }
        }
        return ids;
    }

    @Test
    void aGroupFilterNarrowsTheFirmFeedToTheMattersWhoseListNamesTheGroups() {
        Firm f = firm();
        TestFirm firm = f.firm();
        assertThat(documents(firm, firm.ownerId())).containsExactly("open.docx", "tax.docx", "family.docx");
        assertThat(documents(firm, firm.ownerId(), f.family().toString())).containsExactly("family.docx");
        assertThat(documents(firm, firm.ownerId(), f.family().toString(), f.tax().toString())).containsExactly("tax.docx", "family.docx");
        // the owner is in no group
        assertThat(documents(firm, firm.ownerId(), "mine")).isEmpty();
        assertThat(documents(firm, firm.ownerId(), "all")).containsExactly("open.docx", "tax.docx", "family.docx");

        UUID fay = Fixtures.user(firm, "Fay Family");
        Fixtures.addMember(firm, f.family(), fay);
        assertThat(documents(firm, fay, "mine")).containsExactly("family.docx");
        Fixtures.addMember(firm, f.tax(), fay);
        assertThat(documents(firm, fay, "mine")).containsExactly("tax.docx", "family.docx");
        // an existing group no list names: nothing, not a 404
        UUID empty = Fixtures.group(firm, "London office");
        assertThat(documents(firm, firm.ownerId(), empty.toString())).isEmpty();
    }

    @Test
    void aGroupFilterNeverShowsWhatTheReaderCannotSee() {
        Firm f = firm();
        TestFirm firm = f.firm();
        UUID fay = Fixtures.user(firm, "Fay Family");
        Fixtures.addMember(firm, f.family(), fay);
        // Fay is not in Tax: filtering by Tax does not show her the Tax matter
        assertThat(documents(firm, fay, f.tax().toString())).isEmpty();
        assertThat(documents(firm, fay, f.tax().toString(), "mine")).containsExactly("family.docx");
        firm.as(fay).queryParam("group", f.tax().toString()).get(MATTER_FEED, f.taxMatter()).then().statusCode(404);

        // an administrator in Family law, blocked on a walled Family law matter, stays blocked under every filter
        UUID ada = Fixtures.administrator(firm, "Ada Admin");
        Fixtures.addMember(firm, f.family(), ada);
        UUID walled = Fixtures.restrictedMatter(firm, "F-2", List.of(f.family()), List.of(), List.of(ada));
        document(firm, walled, "walled.docx");
        assertThat(documents(firm, firm.ownerId(), f.family().toString())).containsExactly("walled.docx", "family.docx");
        for (String filter : List.of(f.family().toString(), "mine", "all")) {
            assertThat(documents(firm, ada, filter)).doesNotContain("walled.docx").contains("family.docx");
            firm.as(ada).queryParam("group", filter).get(MATTER_FEED, walled).then().statusCode(404)
                    .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
        }
        Fixtures.defaultFilter(firm, ada, f.family().toString());
        assertThat(documents(firm, ada)).containsExactly("family.docx");
    }

    @Test
    void descriptionEntriesCountOnlyWhereTheReaderMayReadTheDescription() {
        Firm f = firm();
        TestFirm firm = f.firm();
        UUID fay = Fixtures.user(firm, "Fay Family");
        Fixtures.addMember(firm, f.family(), fay);
        UUID court = UUID.randomUUID();
        UUID taxReturn = UUID.randomUUID();
        UUID call = UUID.randomUUID();
        Fixtures.await(Events.send(Events.activityDescription(firm.firmId(), court, firm.ownerId(), "Court appearance", List.of(f.family()))));
        Fixtures.await(Events.send(Events.activityDescription(firm.firmId(), taxReturn, firm.ownerId(), "Tax return", List.of(f.tax()))));
        Fixtures.await(Events.send(Events.activityDescription(firm.firmId(), call, firm.ownerId(), "Phone call", List.of())));

        assertThat(descriptions(firm, firm.ownerId(), f.tax().toString())).containsExactly(taxReturn.toString());
        assertThat(descriptions(firm, fay, "mine")).containsExactly(court.toString());
        // Fay sees the Tax return entry only redacted: filtering by Tax does not single it out
        assertThat(descriptions(firm, fay)).containsExactly(call.toString(), taxReturn.toString(), court.toString());
        assertThat(descriptions(firm, fay, f.tax().toString())).isEmpty();
    }

    private static List<String> descriptions(TestFirm firm, UUID reader, String... groups) {
        return grouped(firm.as(reader), groups).queryParam("objectType", "activitydescription").get(FEED).then().statusCode(200)
                .extract().jsonPath().getList("items.object.id");
    }

    @Test
    void theSavedDefaultAppliesToFeedsAndExportsWhenNoGroupIsGivenAndAllTurnsItOff() throws IOException {
        Firm f = firm();
        TestFirm firm = f.firm();
        Fixtures.defaultFilter(firm, firm.ownerId(), f.tax().toString());
        assertThat(documents(firm, firm.ownerId())).containsExactly("tax.docx");
        assertThat(documents(firm, firm.ownerId(), "all")).containsExactly("open.docx", "tax.docx", "family.docx");
        assertThat(documents(firm, firm.ownerId(), f.family().toString())).containsExactly("family.docx");
        assertThat(exported(firm, firm.ownerId())).containsExactly("tax.docx");
        assertThat(exported(firm, firm.ownerId(), "all")).containsExactly("family.docx", "tax.docx", "open.docx");
        firm.asOwner().queryParam("objectType", "document").get(MATTER_FEED, f.familyMatter()).then().statusCode(200)
                .body("items.size()", equalTo(0));
        firm.asOwner().queryParam("objectType", "document").queryParam("group", "all").get(MATTER_FEED, f.familyMatter())
                .then().statusCode(200).body("items.object.id", equalTo(List.of("family.docx")));

        // each user has their own default
        UUID bea = Fixtures.user(firm, "Bea Associate");
        assertThat(documents(firm, bea)).containsExactly("open.docx");

        // the group's deletion takes it out of the default (reassigned: its replacement takes its place)
        Fixtures.await(Events.send(Events.groupDeleted(firm.firmId(), f.tax(), "Tax", f.family(), firm.ownerId())));
        assertThat(documents(firm, firm.ownerId())).containsExactly("family.docx");
        Fixtures.await(Events.send(Events.groupDeleted(firm.firmId(), f.family(), "Family law", null, firm.ownerId())));
        assertThat(documents(firm, firm.ownerId())).containsExactly("open.docx", "tax.docx", "family.docx");

        Fixtures.defaultFilter(firm, firm.ownerId(), "mine");
        assertThat(documents(firm, firm.ownerId())).isEmpty();
        Fixtures.defaultFilter(firm, firm.ownerId());
        assertThat(documents(firm, firm.ownerId())).containsExactly("open.docx", "tax.docx", "family.docx");
    }

    @Test
    void aGroupTheFirmDoesNotHaveIsNotFoundAndTellsNothing() {
        Firm f = firm();
        TestFirm firm = f.firm();
        TestFirm other = Fixtures.firm();
        UUID theirs = Fixtures.group(other, "Family law");
        UUID theirMatter = Fixtures.restrictedMatter(other, "X-1", List.of(theirs), List.of(), List.of());
        document(other, theirMatter, "theirs.docx");
        UUID deleted = Fixtures.group(firm, "Old group");
        Fixtures.await(Events.send(Events.groupDeleted(firm.firmId(), deleted, "Old group", null, firm.ownerId())));

        List<String> details = new ArrayList<>();
        for (UUID group : List.of(theirs, UUID.randomUUID(), deleted)) {
            List<String> entries = List.of(f.family().toString(), group.toString());
            for (ExtractableResponse<Response> answer : List.of(
                    grouped(firm.asOwner(), entries.toArray(String[]::new)).get(FEED).then().extract(),
                    grouped(firm.asOwner(), entries.toArray(String[]::new)).get(MATTER_FEED, f.familyMatter()).then().extract(),
                    grouped(firm.asOwner(), entries.toArray(String[]::new)).queryParam("from", "2026-01-01T00:00:00Z")
                            .queryParam("to", "2026-12-31T00:00:00Z").get(EXPORT).then().extract(),
                    grouped(firm.asOwner(), entries.toArray(String[]::new)).header("Accept", "text/event-stream")
                            .get(FEED + "/stream").then().extract())) {
                assertThat(answer.statusCode()).isEqualTo(404);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                JsonPath problem = answer.jsonPath();
                assertThat(problem.getString("type")).isEqualTo(PROBLEMS + "not-found");
                assertThat(answer.asString()).doesNotContain(group.toString()).doesNotContain("theirs.docx");
                details.add(problem.getString("detail"));
            }
        }
        assertThat(details).containsOnly("The filter names a group this firm does not have");
    }

    @Test
    void malformedGroupEntriesAreBadRequestsNamingTheField() {
        Firm f = firm();
        TestFirm firm = f.firm();
        List<String> tooMany = new ArrayList<>(Collections.nCopies(51, f.family().toString()));
        for (List<String> bad : List.of(List.of("family"), List.of("all", "mine"), List.of("all", f.family().toString()),
                List.of(f.family().toString().replace("-", "")), tooMany)) {
            for (ExtractableResponse<Response> answer : List.of(
                    grouped(firm.asOwner(), bad.toArray(String[]::new)).get(FEED).then().extract(),
                    grouped(firm.asOwner(), bad.toArray(String[]::new)).get(MATTER_FEED, f.familyMatter()).then().extract(),
                    grouped(firm.asOwner(), bad.toArray(String[]::new)).queryParam("from", "2026-01-01T00:00:00Z")
                            .queryParam("to", "2026-12-31T00:00:00Z").get(EXPORT).then().extract(),
                    grouped(firm.asOwner(), bad.toArray(String[]::new)).get(FEED + "/stream").then().extract())) {
                assertThat(answer.statusCode()).as("%s", bad).isEqualTo(400);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.jsonPath().getString("type")).isEqualTo(PROBLEMS + "invalid-group-filter");
                assertThat(answer.jsonPath().getString("errors[0].field")).isEqualTo("group");
            }
        }
    }

    @Test
    void aCursorContinuesOnlyTheGroupFilterItWasIssuedFor() {
        Firm f = firm();
        TestFirm firm = f.firm();
        for (int i = 2; i <= 5; i++) {
            document(firm, f.familyMatter(), "family-" + i + ".docx");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String firstCursor = null;
        do {
            RequestSpecification request = firm.asOwner().queryParam("group", f.family().toString()).queryParam("objectType", "document")
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(FEED).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.object.id"));
            cursor = page.getString("nextCursor");
            firstCursor = firstCursor == null ? cursor : firstCursor;
        } while (cursor != null);
        assertThat(seen).containsExactly("family-5.docx", "family-4.docx", "family-3.docx", "family-2.docx", "family.docx");

        for (List<String> other : List.of(List.of(f.tax().toString()), List.of("all"), List.of("mine"),
                List.of(f.family().toString(), f.tax().toString()))) {
            grouped(firm.asOwner(), other.toArray(String[]::new)).queryParam("objectType", "document").queryParam("cursor", firstCursor)
                    .get(FEED).then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-cursor"));
        }
        firm.asOwner().queryParam("objectType", "document").queryParam("cursor", firstCursor).get(FEED).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-cursor"));
        firm.asOwner().queryParam("objectType", "document").queryParam("cursor", firstCursor).get("/api/v1/feed/users/{id}",
                firm.ownerId()).then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-cursor"));

        // an unfiltered cursor continues neither a filtered list nor one under a saved default
        String unfiltered = firm.asOwner().queryParam("objectType", "document").queryParam("limit", 2).get(FEED).then().statusCode(200)
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        firm.asOwner().queryParam("group", f.family().toString()).queryParam("objectType", "document").queryParam("cursor", unfiltered)
                .get(FEED).then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-cursor"));
        firm.asOwner().queryParam("objectType", "document").queryParam("cursor", unfiltered).get(FEED).then().statusCode(200)
                .body("items.size()", equalTo(5));
        Fixtures.defaultFilter(firm, firm.ownerId(), f.family().toString());
        firm.asOwner().queryParam("objectType", "document").queryParam("cursor", unfiltered).get(FEED).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-cursor"));
        // the saved default's own cursor continues it, and is the same list as naming the group
        String defaulted = firm.asOwner().queryParam("objectType", "document").queryParam("limit", 2).get(FEED).then().statusCode(200)
                .extract().path("nextCursor");
        firm.asOwner().queryParam("objectType", "document").queryParam("cursor", defaulted).get(FEED).then().statusCode(200)
                .body("items.object.id", equalTo(List.of("family-3.docx", "family-2.docx", "family.docx")));
        firm.asOwner().queryParam("group", f.family().toString()).queryParam("objectType", "document").queryParam("cursor", defaulted)
                .get(FEED).then().statusCode(200).body("items.size()", equalTo(3));
    }
}
