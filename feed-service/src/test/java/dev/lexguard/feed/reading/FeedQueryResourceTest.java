package dev.lexguard.feed.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.feed.Events;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Paging, filters and the views, and every kind of bad input as problem+json. */
@QuarkusTest
class FeedQueryResourceTest {

    private static List<CloudEvent> notes(TestFirm firm, UUID actor, int count, Instant start) {
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(Events.send(Events.activity(firm.firmId(), actor, "note", "added", null, start.plusSeconds(i),
                    Map.of("noteId", "note-" + i))));
        }
        events.forEach(Fixtures::await);
        return events;
    }

    @Test
    void keysetPagesWalkTheFeedNewestFirstWithoutGapsOrRepeats() {
        TestFirm firm = Fixtures.firm();
        List<CloudEvent> notes = notes(firm, firm.ownerId(), 5, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = firm.asOwner().queryParam("objectType", "note").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/feed").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(notes.get(4).id().toString(), notes.get(3).id().toString(), notes.get(2).id().toString(),
                notes.get(1).id().toString(), notes.get(0).id().toString());
    }

    @Test
    void filtersNarrowTheFeed() {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        Instant start = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        List<CloudEvent> owners = notes(firm, firm.ownerId(), 2, start);
        List<CloudEvent> beas = notes(firm, bea, 2, start.plusSeconds(100));
        UUID matter = Fixtures.matter(firm, "2026-0600");
        CloudEvent upload = Fixtures.await(Events.send(Events.activity(firm.firmId(), bea, "document", "uploaded", matter, Instant.now(),
                Map.of("documentId", "doc-1", "fileName", "brief.pdf"))));

        firm.asOwner().queryParam("actorId", bea.toString()).queryParam("objectType", "note").get("/api/v1/feed").then().statusCode(200)
                .body("items.id", equalTo(List.of(beas.get(1).id().toString(), beas.get(0).id().toString())));
        firm.asOwner().queryParam("objectType", "note").queryParam("objectId", "note-0").get("/api/v1/feed").then().statusCode(200)
                .body("items.id", equalTo(List.of(beas.get(0).id().toString(), owners.get(0).id().toString())));
        firm.asOwner().queryParam("matterId", matter.toString()).queryParam("category", "documents").get("/api/v1/feed").then()
                .statusCode(200).body("items.id", equalTo(List.of(upload.id().toString())));
        firm.asOwner().queryParam("actorType", "system").get("/api/v1/feed").then().statusCode(200).body("items.size()", equalTo(0));
        firm.asOwner().queryParam("objectType", "note").queryParam("from", start.toString())
                .queryParam("to", start.plusSeconds(50).toString()).get("/api/v1/feed").then().statusCode(200)
                .body("items.id", equalTo(List.of(owners.get(1).id().toString(), owners.get(0).id().toString())));
        firm.asOwner().get("/api/v1/feed/objects/document/doc-1").then().statusCode(200)
                .body("items.id", equalTo(List.of(upload.id().toString())))
                .body("items[0].object.title", equalTo("brief.pdf"));
        firm.asOwner().get("/api/v1/feed/users/{u}", bea).then().statusCode(200)
                .body("items.id", hasItems(upload.id().toString(), beas.get(0).id().toString()))
                .body("items.size()", equalTo(3));
        firm.asOwner().get("/api/v1/feed/matters/{m}", matter).then().statusCode(200)
                .body("items.id", equalTo(List.of(upload.id().toString(), firm.asOwner().get("/api/v1/feed/objects/matter/" + matter)
                        .jsonPath().getString("items[0].id"))))
                .body("nextCursor", nullValue());
    }

    @Test
    void systemActorsAndActorIdsThatAreNoUserIdsAreShownAsTheyAre() {
        TestFirm firm = Fixtures.quietFirm();
        CloudEvent system = Fixtures.await(Events.send(Events.event("dev.lexguard.activity.report.generated", firm.firmId(), "r-1",
                "system", ActorType.SYSTEM, null, Instant.now(), Map.of("reportId", "r-1"))));
        CloudEvent odd = Fixtures.await(Events.send(Events.event("dev.lexguard.activity.note.added", firm.firmId(), "n-1",
                "------------------------------------", ActorType.USER, null, Instant.now(), Map.of("noteId", "n-1"))));
        firm.asOwner().queryParam("actorType", "system").get("/api/v1/feed").then().statusCode(200)
                .body("items.id", equalTo(List.of(system.id().toString())))
                .body("items[0].actor.displayName", equalTo("System"));
        firm.asOwner().queryParam("objectType", "note").get("/api/v1/feed").then().statusCode(200)
                .body("items.id", equalTo(List.of(odd.id().toString())))
                .body("items[0].actor.id", equalTo("------------------------------------"))
                .body("items[0].actor.displayName", nullValue());
    }

    @Test
    void badFiltersAreProblemsNamingEachField() {
        TestFirm firm = Fixtures.firm();
        JsonPath problem = firm.asOwner().queryParam("category", "gossip").queryParam("actorType", "robot").queryParam("matterId", "42")
                .queryParam("from", "yesterday").queryParam("objectType", "Bad Type!").get("/api/v1/feed").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/invalid-filter"))
                .extract().jsonPath();
        assertThat(problem.getList("errors.field")).containsExactlyInAnyOrder("category", "actorType", "matterId", "from", "objectType");
        firm.asOwner().queryParam("from", "2026-11-29T10:00:00Z").queryParam("to", "2026-11-29T09:00:00Z").get("/api/v1/feed").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        firm.asOwner().queryParam("objectId", "x").get("/api/v1/feed").then().statusCode(400).body("errors[0].field", equalTo("objectId"));
        firm.asOwner().queryParam("limit", 0).get("/api/v1/feed").then().statusCode(400).contentType("application/problem+json");
        firm.asOwner().queryParam("limit", "lots").get("/api/v1/feed").then().statusCode(400);
        firm.asOwner().get("/api/v1/feed/objects/NOT A TYPE/x").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badAndForeignCursorsAreRejected() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        notes(firm, firm.ownerId(), 3, Instant.now().minusSeconds(30));
        String cursor = firm.asOwner().queryParam("limit", 1).get("/api/v1/feed").then().statusCode(200).extract().path("nextCursor");
        assertThat(cursor).isNotNull();
        firm.asOwner().queryParam("cursor", cursor).queryParam("limit", 1).get("/api/v1/feed").then().statusCode(200);
        other.asOwner().queryParam("cursor", cursor).get("/api/v1/feed").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        firm.asOwner().queryParam("cursor", "garbage").get("/api/v1/feed").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        firm.asOwner().queryParam("cursor", tampered).get("/api/v1/feed").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
    }

    @Test
    void foreignAndUnknownIdsAreNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID matter = Fixtures.matter(other, "2026-0700");
        firm.asOwner().get("/api/v1/feed/matters/{m}", matter).then().statusCode(404).contentType("application/problem+json");
        firm.asOwner().get("/api/v1/feed/matters/{m}", UUID.randomUUID()).then().statusCode(404);
        firm.asOwner().get("/api/v1/feed/matters/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        firm.asOwner().get("/api/v1/feed/users/{u}", other.ownerId()).then().statusCode(404)
                .body("detail", containsString("No such user"));
        firm.asOwner().get("/api/v1/feed/objects/matter/{m}", matter).then().statusCode(404);
    }
}
