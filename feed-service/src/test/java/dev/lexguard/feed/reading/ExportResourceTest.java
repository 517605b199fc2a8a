package dev.lexguard.feed.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** NDJSON and CSV exports of a time range, oldest first, with the reader's visibility. */
@QuarkusTest
class ExportResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ndjsonHoldsTheRangeOldestFirstAndOnlyWhatTheReaderMaySee() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID hidden = Fixtures.restrictedMatter(firm, "2026-0900", List.of(UUID.randomUUID()), List.of(), List.of());
        Instant start = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        List<CloudEvent> notes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            notes.add(Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null,
                    start.plusSeconds(i), Map.of("noteId", "n-" + i, "text", "line, with \"quotes\"")))));
        }
        Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", hidden, start.plusSeconds(5),
                Map.of("noteId", "secret"))));
        String body = firm.as(bea).queryParam("from", start.toString()).queryParam("to", start.plusSeconds(60).toString())
                .get("/api/v1/feed/export/ndjson").then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        List<String> ids = new ArrayList<>();
        for (String line : body.split("\n")) {
            JsonNode entry = JSON.readTree(line);
            ids.add(entry.path("id").asText());
        }
        assertThat(ids).containsExactly(notes.get(0).id().toString(), notes.get(1).id().toString(), notes.get(2).id().toString());

        String all = firm.asOwner().queryParam("from", start.toString()).queryParam("to", start.plusSeconds(60).toString())
                .get("/api/v1/feed/export/ndjson").then().statusCode(200).extract().asString();
        assertThat(all.split("\n")).hasSize(4);
    }

    @Test
    void csvHasAHeaderAndOneEscapedRowPerEntry() {
        TestFirm firm = Fixtures.firm();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        CloudEvent note = Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, start,
                Map.of("noteId", "=HYPERLINK(\"x\")", "text", "a, b"))));
        String csv = firm.asOwner().queryParam("from", start.toString()).queryParam("to", start.plusSeconds(1).toString())
                .get("/api/v1/feed/export/csv").then().statusCode(200).contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("id,occurredAt,recordedAt,type,category,actorId");
        assertThat(lines[1]).startsWith(note.id() + "," + start + ",");
        assertThat(lines[1]).contains("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(lines[1]).contains(",Olu Owner,");
    }

    @Test
    void aRangeHoldingMoreThanOneExportMayIsRefusedBeforeAnythingIsSent() {
        TestFirm firm = Fixtures.quietFirm();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        CloudEvent last = null;
        for (int i = 0; i < 51; i++) {
            last = Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", null, start.plusMillis(i), Map.of("noteId", "n-" + i)));
        }
        Fixtures.await(last);
        firm.asOwner().queryParam("from", start.toString()).queryParam("to", start.plusSeconds(1).toString())
                .get("/api/v1/feed/export/csv").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/range-too-large"));
        firm.asOwner().queryParam("from", start.toString()).queryParam("to", start.plusMillis(10).toString())
                .get("/api/v1/feed/export/csv").then().statusCode(200);
    }

    @Test
    void anExportNeedsAValidRange() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().get("/api/v1/feed/export/ndjson").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-range"));
        firm.asOwner().queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/feed/export/csv").then().statusCode(400).body("errors[0].field", equalTo("to"));
        firm.asOwner().queryParam("from", "2026-01-01").queryParam("to", "2026-02-01T00:00:00Z")
                .get("/api/v1/feed/export/csv").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }
}
