package dev.lexguard.sharing.shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Settings > Sharing: one list of everything shared, its filters, counts, paging and CSV. */
@QuarkusTest
class MonitoringResourceTest {

    record Setup(TestFirm firm, UUID matterA, UUID matterB, UUID client, UUID expert, UUID user, UUID letter, UUID report, UUID memo,
            UUID revoked) {
    }

    private static Setup setup() {
        TestFirm firm = Fixtures.firm();
        UUID user = Fixtures.user(firm);
        UUID matterA = Fixtures.matter(firm);
        UUID matterB = Fixtures.matter(firm);
        UUID client = Fixtures.contact(firm, "Casey Client", "client");
        UUID expert = Fixtures.contact(firm, "Eli Expert", "expert");
        UUID letter = Fixtures.share(firm, client, matterA, "Engagement letter");
        Map<String, Object> report = Fixtures.shareBody(expert, matterB, "Expert report", Instant.now().plus(5, ChronoUnit.DAYS));
        report.put("resourceType", "folder");
        UUID reportId = Fixtures.share(firm, user, report);
        UUID memo = Fixtures.share(firm, client, matterB, "=HYPERLINK(\"evil\"), memo");
        UUID revoked = Fixtures.share(firm, expert, matterA, "Old draft");
        firm.asOwner().body(Map.of("reason", "Superseded")).post("/api/v1/shares/{id}/revoke", revoked).then().statusCode(200);
        firm.asContact(client).get("/api/v1/portal/shares/{id}", letter).then().statusCode(200);
        return new Setup(firm, matterA, matterB, client, expert, user, letter, reportId, memo, revoked);
    }

    @Test
    void everyFilterNarrowsTheFirmWideList() {
        Setup s = setup();
        var owner = s.firm();
        owner.asOwner().get("/api/v1/shares").then().statusCode(200).body("items", hasSize(4)).body("nextCursor", nullValue());
        assertIds(s, "resourceType=folder", s.report());
        assertIds(s, "matterId=" + s.matterA(), s.letter(), s.revoked());
        assertIds(s, "contactId=" + s.client(), s.letter(), s.memo());
        assertIds(s, "contactKind=expert", s.report(), s.revoked());
        assertIds(s, "sharedBy=" + s.user(), s.report());
        assertIds(s, "status=revoked", s.revoked());
        assertIds(s, "status=active", s.letter(), s.report(), s.memo());
        assertIds(s, "status=expired");
        assertIds(s, "expiringWithinDays=7", s.report());
        assertIds(s, "neverOpened=true&status=active", s.report(), s.memo());
        assertIds(s, "neverOpened=false", s.letter());
        assertIds(s, "createdAfter=" + Instant.now().plus(1, ChronoUnit.DAYS));
        assertIds(s, "createdBefore=" + Instant.now().plus(1, ChronoUnit.MINUTES) + "&contactKind=client", s.letter(), s.memo());
        assertIds(s, "notOpenedForDays=1");
        Upstream.update("update share set created_at = created_at - interval '3 days' where id = ?", s.memo());
        assertIds(s, "notOpenedForDays=2", s.memo());
    }

    @Test
    void malformedFiltersAreOneProblemNamingEachField() {
        Setup s = setup();
        s.firm().asOwner().get("/api/v1/shares?status=gone&matterId=42&createdAfter=yesterday&expiringWithinDays=-1&neverOpened=maybe"
                + "&resourceType=car&contactKind=judge&notOpenedForDays=0&sharedBy=x").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("https://lexguard.dev/problems/invalid-filter"))
                .body("errors.field", containsInAnyOrder("status", "matterId", "createdAfter", "expiringWithinDays", "neverOpened",
                        "resourceType", "contactKind", "notOpenedForDays", "sharedBy"));
        s.firm().asOwner().get("/api/v1/shares/summary?createdAfter=2026-12-01T00:00:00Z&createdBefore=2026-11-01T00:00:00Z")
                .then().statusCode(400).body("errors[0].field", equalTo("createdBefore"));
        s.firm().asOwner().get("/api/v1/shares/export?status=soon").then().statusCode(400);
        s.firm().asOwner().get("/api/v1/shares?cursor=garbage").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-cursor"));
        s.firm().asOwner().get("/api/v1/shares?limit=0").then().statusCode(400);
    }

    @Test
    void summaryPagingAndCsv() {
        Setup s = setup();
        s.firm().asOwner().get("/api/v1/shares/summary").then().statusCode(200).body("total", equalTo(4)).body("active", equalTo(3))
                .body("revoked", equalTo(1)).body("expired", equalTo(0)).body("expiringSoon", equalTo(1)).body("neverOpened", equalTo(2))
                .body("reviewDue", equalTo(0));
        s.firm().asOwner().get("/api/v1/shares/summary?contactKind=client").then().statusCode(200).body("total", equalTo(2));

        var first = s.firm().asOwner().get("/api/v1/shares?limit=3").then().statusCode(200).body("items", hasSize(3))
                .body("nextCursor", notNullValue()).extract();
        String cursor = first.path("nextCursor");
        s.firm().asOwner().queryParam("cursor", cursor).get("/api/v1/shares?limit=3").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(s.letter().toString())).body("nextCursor", nullValue());
        Fixtures.firm().asOwner().queryParam("cursor", cursor).get("/api/v1/shares").then().statusCode(400);

        String csv = s.firm().asOwner().get("/api/v1/shares/export?contactId=" + s.client()).then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", "attachment; filename=\"shares.csv\"").extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("id,matterId,contactId,contactName,contactKind,resourceType");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"evil\"\"), memo\"").contains("Engagement letter");
    }

    @Test
    void theSameListPerContactAndPerMatter() {
        Setup s = setup();
        s.firm().asOwner().get("/api/v1/contacts/{id}/shares", s.expert()).then().statusCode(200).body("items", hasSize(2));
        s.firm().asOwner().get("/api/v1/contacts/{id}/shares?status=active", s.expert()).then().statusCode(200).body("items", hasSize(1));
        s.firm().asOwner().get("/api/v1/contacts/{id}/shares/summary", s.expert()).then().statusCode(200).body("revoked", equalTo(1));
        String csv = s.firm().asOwner().get("/api/v1/contacts/{id}/shares/export", s.expert()).then().statusCode(200).extract().asString();
        assertThat(csv.lines()).hasSize(3);
        Fixtures.firm().asOwner().get("/api/v1/contacts/{id}/shares", s.expert()).then().statusCode(404);

        s.firm().asOwner().get("/api/v1/shares/matters/{id}", s.matterB()).then().statusCode(200).body("items", hasSize(2));
        s.firm().asOwner().get("/api/v1/shares/matters/{id}/summary", s.matterB()).then().statusCode(200).body("total", equalTo(2));
        s.firm().asOwner().get("/api/v1/shares/matters/{id}/export", s.matterB()).then().statusCode(200).contentType("text/csv");
        s.firm().as(s.user()).get("/api/v1/shares/matters/{id}", s.matterB()).then().statusCode(200).body("items", hasSize(2));
        Upstream.access(s.firm().firmId(), s.matterB(), "restricted", List.of(), List.of(), List.of(), 2);
        s.firm().as(s.user()).get("/api/v1/shares/matters/{id}", s.matterB()).then().statusCode(404);
        s.firm().as(s.user()).get("/api/v1/shares").then().statusCode(403);
        s.firm().as(s.user()).get("/api/v1/contacts/{id}/shares", s.expert()).then().statusCode(403);
    }

    private static void assertIds(Setup s, String query, UUID... expected) {
        List<String> ids = s.firm().asOwner().get("/api/v1/shares?" + query).then().statusCode(200).extract().path("items.id");
        assertThat(ids).as(query).containsExactlyInAnyOrderElementsOf(Arrays.stream(expected).map(UUID::toString).toList());
    }
}
