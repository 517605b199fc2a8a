package dev.lexguard.sharing.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "A block beats every allow, administrator included": an administrator walled off a matter meets that matter's
 * shares nowhere (404 where they are named, left out where they are listed), and a matter of another firm or no
 * matter at all is a 404 like any other foreign id.
 */
@QuarkusTest
class WallsBindAdministratorsTest {

    /** An administrator, a matter that will block them and one that will not, a share of each with the same client. */
    private record Wall(TestFirm firm, UUID admin, UUID walled, UUID contact, UUID hidden, UUID visible) {

        static Wall build() {
            TestFirm firm = Fixtures.firm();
            UUID admin = Fixtures.user(firm);
            Upstream.permissions(firm.firmId(), admin, List.of("administrator"));
            UUID walled = Fixtures.matter(firm);
            UUID open = Fixtures.matter(firm);
            UUID contact = Fixtures.contact(firm, "Casey Client", "client");
            return new Wall(firm, admin, walled, contact, Fixtures.share(firm, contact, walled, "Settlement draft"),
                    Fixtures.share(firm, contact, open, "Engagement letter"));
        }

        void raise() {
            Upstream.access(firm.firmId(), walled, "restricted", List.of(), List.of(), List.of(admin), 2);
        }
    }

    @Test
    void aBlockedAdministratorGets404ForTheMattersSharesAndDoesNotSeeThemListed() {
        Wall wall = Wall.build();
        TestFirm firm = wall.firm();
        UUID admin = wall.admin();
        UUID walled = wall.walled();
        UUID contact = wall.contact();
        UUID hidden = wall.hidden();
        UUID visible = wall.visible();
        // before the wall the administrator sees both
        firm.as(admin).get("/api/v1/shares/{id}", hidden).then().statusCode(200);
        wall.raise();

        firm.as(admin).get("/api/v1/shares/{id}", hidden).then().statusCode(404);
        firm.as(admin).body(Map.of("expiresAt", Instant.now().plus(40, ChronoUnit.DAYS).toString()))
                .put("/api/v1/shares/{id}/expiry", hidden).then().statusCode(404);
        firm.as(admin).body(Map.of("reason", "tidying up")).post("/api/v1/shares/{id}/revoke", hidden).then().statusCode(404);
        for (String path : List.of("/api/v1/shares/matters/{m}", "/api/v1/shares/matters/{m}/summary",
                "/api/v1/shares/matters/{m}/export")) {
            firm.as(admin).get(path, walled).then().statusCode(404).contentType("application/problem+json");
        }
        List<String> listed = firm.as(admin).get("/api/v1/shares").then().statusCode(200).extract().path("items.id");
        assertThat(listed).contains(visible.toString()).doesNotContain(hidden.toString());
        List<String> ofContact = firm.as(admin).get("/api/v1/contacts/{c}/shares", contact).then().statusCode(200)
                .extract().path("items.id");
        assertThat(ofContact).contains(visible.toString()).doesNotContain(hidden.toString());
        String csv = firm.as(admin).accept("text/csv").get("/api/v1/shares/export").then().statusCode(200).extract().asString();
        assertThat(csv).contains("Engagement letter").doesNotContain("Settlement draft").doesNotContain(hidden.toString());
        firm.as(admin).get("/api/v1/shares/summary").then().statusCode(200).body("total", equalTo(1));
        // the owner, not walled, still sees and manages it
        firm.asOwner().get("/api/v1/shares/{id}", hidden).then().statusCode(200);
        firm.asOwner().get("/api/v1/shares/matters/{m}", walled).then().statusCode(200);
    }

    @Test
    void aBlockedAdministratorReviewsNothingOfTheWalledMatter() {
        Wall wall = Wall.build();
        TestFirm firm = wall.firm();
        UUID admin = wall.admin();
        UUID hidden = wall.hidden();
        UUID visible = wall.visible();
        for (UUID id : List.of(hidden, visible)) {
            Upstream.update("update share set next_review_at = now() - interval '20 days' where id = ?", id);
        }
        wall.raise();

        List<String> due = firm.as(admin).get("/api/v1/share-reviews/due").then().statusCode(200).extract().path("items.id");
        assertThat(due).containsExactly(visible.toString());
        firm.as(admin).body(Map.of("decision", "keep")).post("/api/v1/share-reviews/shares/{id}", hidden).then().statusCode(404);
        firm.as(admin).body(Map.of("decisions", List.of(Map.of("shareId", hidden.toString(), "decision", "revoke"))))
                .post("/api/v1/share-reviews/decisions").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/unknown-shares"));
        firm.asOwner().get("/api/v1/shares/{id}", hidden).then().statusCode(200).body("status", equalTo("active"));

        // the owner reviews both; the administrator's report shows only the decision they may see
        firm.asOwner().body(Map.of("decisions", List.of(Map.of("shareId", hidden.toString(), "decision", "keep"),
                Map.of("shareId", visible.toString(), "decision", "keep")))).post("/api/v1/share-reviews/decisions")
                .then().statusCode(200);
        List<String> reported = firm.as(admin).get("/api/v1/share-reviews/report").then().statusCode(200)
                .body("counts.keep", equalTo(1)).extract().path("decisions.shareId");
        assertThat(reported).containsExactly(visible.toString());
        String csv = firm.as(admin).get("/api/v1/share-reviews/report/export").then().statusCode(200).extract().asString();
        assertThat(csv).doesNotContain(hidden.toString()).doesNotContain("Settlement draft");
        firm.asOwner().get("/api/v1/share-reviews/report").then().statusCode(200).body("counts.keep", equalTo(2));
    }

    @Test
    void aListAddressedByAnotherFirmsMatterOrAnUnknownOneIs404() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID theirs = Fixtures.matter(other);
        UUID contact = Fixtures.contact(other, "Dana Client", "client");
        Fixtures.share(other, contact, theirs, "Their letter");
        for (UUID matter : List.of(theirs, UUID.randomUUID())) {
            for (String path : List.of("/api/v1/shares/matters/{m}", "/api/v1/shares/matters/{m}/summary",
                    "/api/v1/shares/matters/{m}/export")) {
                firm.asOwner().get(path, matter).then().statusCode(404).contentType("application/problem+json");
            }
        }
    }
}
