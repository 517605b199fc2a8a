package dev.lexguard.permissions.access;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.IdentityEventsProducer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessResourceTest {

    private static ValidatableResponse check(TestFirm firm, UUID asker, UUID user, UUID matter) {
        return firm.as(asker).get("/api/v1/access/users/{u}/matters/{m}", user, matter).then().statusCode(200)
                .body("userId", equalTo(user.toString())).body("matterId", equalTo(matter.toString()));
    }

    @Test
    void everyAnswerSaysWhy() {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID family = Fixtures.group(firm, "Family law");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bob = Fixtures.user(firm, "Bob Barrister");
        UUID cat = Fixtures.user(firm, "Cat Counsel");
        UUID dan = Fixtures.user(firm, "Dan Outsider");
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        Fixtures.addMember(firm, partners, ann);
        Fixtures.addMember(firm, family, ann);
        Fixtures.addMember(firm, partners, cat);
        UUID open = Fixtures.matter(firm, "2026-0001");
        UUID secret = Fixtures.matter(firm, "2026-0002");
        Fixtures.access(firm, secret, "restricted", List.of(partners, family), List.of(bob), List.of(cat));

        check(firm, firm.ownerId(), dan, open).body("allowed", equalTo(true)).body("reason", equalTo("everyone"));
        check(firm, firm.ownerId(), ann, secret).body("allowed", equalTo(true)).body("reason", equalTo("group"))
                .body("groups.name", contains("Family law", "Partners")).body("groups[1].id", equalTo(partners.toString()));
        check(firm, firm.ownerId(), bob, secret).body("allowed", equalTo(true)).body("reason", equalTo("user-grant"));
        check(firm, firm.ownerId(), cat, secret).body("allowed", equalTo(false)).body("reason", equalTo("blocked"))
                .body("groups.name", contains("Partners"));
        check(firm, firm.ownerId(), dan, secret).body("allowed", equalTo(false)).body("reason", equalTo("not-on-access-list"));
        check(firm, firm.ownerId(), ada, secret).body("allowed", equalTo(true)).body("reason", equalTo("administrator"));
        check(firm, firm.ownerId(), firm.ownerId(), secret).body("reason", equalTo("administrator"));
        // about oneself anyone may ask
        check(firm, dan, dan, secret).body("allowed", equalTo(false));
    }

    @Test
    void aBlockBeatsAdministrator() {
        TestFirm firm = Fixtures.firm();
        UUID ada = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        Fixtures.access(firm, matter, "everyone", List.of(), List.of(), List.of(ada));
        check(firm, firm.ownerId(), ada, matter).body("allowed", equalTo(false)).body("reason", equalTo("blocked"));
        firm.as(ada).get("/api/v1/matters/{id}", matter).then().statusCode(404);
    }

    @Test
    void aDeactivatedUserSeesNothing() {
        TestFirm firm = Fixtures.firm();
        UUID gone = Fixtures.user(firm, "Gil Gone");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        check(firm, firm.ownerId(), gone, matter).body("allowed", equalTo(true));
        IdentityEventsProducer.send(IdentityEventsProducer.userDeactivated(firm.firmId(), gone, firm.ownerId()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "user-inactive".equals(firm.asOwner()
                .get("/api/v1/access/users/{u}/matters/{m}", gone, matter).jsonPath().getString("reason")));
        firm.asOwner().get("/api/v1/access/users/{u}/matters", gone).then().statusCode(200).body("items", empty());
    }

    @Test
    void askingAboutOthersNeedsAdministratorAndForeignIdsAreNotFound() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Books", "billing", "reporting", "accounts");
        UUID dan = Fixtures.user(firm, "Dan Outsider");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        UUID theirMatter = Fixtures.matter(other, "2026-0001");
        UUID stranger = Fixtures.user(other, "Sam Stranger");
        firm.as(bea).get("/api/v1/access/users/{u}/matters/{m}", dan, matter).then().statusCode(403)
                .body("type", equalTo("https://lexguard.dev/problems/missing-permission"));
        firm.as(bea).get("/api/v1/access/users/{u}/matters", dan).then().statusCode(403);
        firm.as(bea).body(Map.of("checks", List.of(Map.of("userId", dan, "matterId", matter)))).post("/api/v1/access/checks")
                .then().statusCode(403);
        firm.asOwner().get("/api/v1/access/users/{u}/matters/{m}", dan, theirMatter).then().statusCode(404)
                .body("type", equalTo("https://lexguard.dev/problems/not-found"));
        firm.asOwner().get("/api/v1/access/users/{u}/matters/{m}", stranger, matter).then().statusCode(404);
        firm.asOwner().get("/api/v1/access/users/{u}/matters", stranger).then().statusCode(404);
        firm.asOwner().get("/api/v1/access/matters/{m}/users", theirMatter).then().statusCode(404);
        firm.asOwner().get("/api/v1/access/users/{u}/matters/{m}", dan, "nope").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void batchChecksAnswerInOrderWithReasons() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID dan = Fixtures.user(firm, "Dan Outsider");
        Fixtures.addMember(firm, partners, ann);
        UUID open = Fixtures.matter(firm, "2026-0001");
        UUID secret = Fixtures.matter(firm, "2026-0002");
        UUID theirMatter = Fixtures.matter(other, "2026-0001");
        Fixtures.access(firm, secret, "restricted", List.of(partners), List.of(), List.of());
        firm.asOwner().body(Map.of("checks", List.of(
                        Map.of("userId", ann, "matterId", secret),
                        Map.of("userId", dan, "matterId", secret),
                        Map.of("userId", dan, "matterId", open),
                        Map.of("userId", UUID.randomUUID(), "matterId", open),
                        Map.of("userId", ann, "matterId", theirMatter))))
                .post("/api/v1/access/checks").then().statusCode(200)
                .body("results.reason", contains("group", "not-on-access-list", "everyone", "unknown-user", "unknown-matter"))
                .body("results.allowed", contains(true, false, true, false, false))
                .body("results[0].groups[0].name", equalTo("Partners"))
                .body("results[2].userId", equalTo(dan.toString()));
        // about oneself only, no administrator needed
        firm.as(dan).body(Map.of("checks", List.of(Map.of("userId", dan, "matterId", open)))).post("/api/v1/access/checks")
                .then().statusCode(200).body("results[0].allowed", equalTo(true));
    }

    @Test
    void aBatchTakesOneToAThousandChecks() {
        TestFirm firm = Fixtures.firm();
        UUID dan = Fixtures.user(firm, "Dan Outsider");
        UUID matter = Fixtures.matter(firm, "2026-0001");
        List<Map<String, Object>> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(Map.of("userId", dan, "matterId", i % 2 == 0 ? matter : UUID.randomUUID()));
        }
        firm.asOwner().body(Map.of("checks", thousand)).post("/api/v1/access/checks").then().statusCode(200)
                .body("results.size()", equalTo(1000)).body("results[998].reason", equalTo("everyone"))
                .body("results[999].reason", equalTo("unknown-matter"));
        List<Map<String, Object>> tooMany = new ArrayList<>(thousand);
        tooMany.add(Map.of("userId", dan, "matterId", matter));
        firm.asOwner().body(Map.of("checks", tooMany)).post("/api/v1/access/checks").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/validation-failed")).body("errors[0].field", equalTo("checks"));
        firm.asOwner().body(Map.of("checks", List.of())).post("/api/v1/access/checks").then().statusCode(400);
        firm.asOwner().body(Map.of("checks", List.of(Map.of("userId", dan)))).post("/api/v1/access/checks").then().statusCode(400);
        firm.asOwner().body(Map.of("checks", List.of(Map.of("userId", dan, "matterId", matter)), "at", "soon"))
                .post("/api/v1/access/checks").then().statusCode(400).body("errors[0].field", equalTo("at"));
    }

    @Test
    void visibleMattersArePaged() {
        TestFirm firm = Fixtures.firm();
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        List<UUID> matters = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            matters.add(Fixtures.matter(firm, "2026-000" + i));
        }
        Fixtures.access(firm, matters.get(1), "restricted", List.of(), List.of(ann), List.of());
        Fixtures.access(firm, matters.get(2), "restricted", List.of(), List.of(), List.of());
        Fixtures.access(firm, matters.get(3), "everyone", List.of(), List.of(), List.of(ann));
        String cursor = firm.as(ann).queryParam("limit", 2).get("/api/v1/access/users/{u}/matters", ann).then().statusCode(200)
                .body("items.displayNumber", contains("2026-0001", "2026-0002"))
                .body("items.access", contains("everyone", "restricted")).extract().path("nextCursor");
        firm.as(ann).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/access/users/{u}/matters", ann).then()
                .body("items.displayNumber", contains("2026-0005")).body("nextCursor", nullValue());
        firm.asOwner().queryParam("limit", 200).get("/api/v1/access/users/{u}/matters", firm.ownerId()).then()
                .body("items.size()", equalTo(5));
    }

    @Test
    void whoCouldSeeAMatterThenAndWhy() throws InterruptedException {
        TestFirm firm = Fixtures.firm();
        UUID partners = Fixtures.group(firm, "Partners");
        UUID ann = Fixtures.user(firm, "Ann Attorney");
        UUID bob = Fixtures.user(firm, "Bob Barrister");
        UUID cat = Fixtures.user(firm, "Cat Counsel");
        Fixtures.addMember(firm, partners, ann);
        UUID matter = Fixtures.matter(firm, "2026-0001");
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(cat), List.of());
        Thread.sleep(20);
        Instant before = Instant.now();
        Thread.sleep(20);
        // Ann leaves the partners, Bob joins; Cat is blocked; Bob becomes an administrator
        firm.asOwner().delete("/api/v1/groups/{g}/members/{u}", partners, ann).then().statusCode(204);
        Fixtures.addMember(firm, partners, bob);
        Fixtures.access(firm, matter, "restricted", List.of(partners), List.of(), List.of(cat));
        firm.asOwner().body(Map.of("permissions", List.of("administrator"))).put("/api/v1/permissions/users/{id}", bob)
                .then().statusCode(200);

        firm.asOwner().queryParam("at", before.toString()).get("/api/v1/access/matters/{m}/users", matter).then().statusCode(200)
                .body("items.displayName", contains("Ann Attorney", "Cat Counsel", "Olu Owner"))
                .body("items.reason", contains("group", "user-grant", "administrator"))
                .body("items[0].groups.name", contains("Partners"));
        firm.asOwner().get("/api/v1/access/matters/{m}/users", matter).then().statusCode(200)
                .body("items.displayName", contains("Bob Barrister", "Olu Owner"))
                .body("items.reason", contains("administrator", "administrator"))
                .body("items[0].groups.name", contains("Partners"));
        firm.asOwner().queryParam("at", before.toString()).get("/api/v1/access/users/{u}/matters/{m}", ann, matter).then()
                .body("allowed", equalTo(true)).body("reason", equalTo("group")).body("at", equalTo(before.toString()));
        check(firm, firm.ownerId(), ann, matter).body("allowed", equalTo(false)).body("reason", equalTo("not-on-access-list"));
        firm.asOwner().body(Map.of("checks", List.of(Map.of("userId", cat, "matterId", matter)), "at", before.toString()))
                .post("/api/v1/access/checks").then().body("results[0].reason", equalTo("user-grant"));
        firm.asOwner().queryParam("at", "2000-01-01T00:00:00Z").get("/api/v1/access/matters/{m}/users", matter).then()
                .statusCode(200).body("items", empty());
        firm.asOwner().queryParam("at", "2000-01-01T00:00:00Z").get("/api/v1/access/users/{u}/matters/{m}", ann, matter).then()
                .body("reason", equalTo("matter-not-registered"));
        firm.asOwner().queryParam("limit", 1).get("/api/v1/access/matters/{m}/users", matter).then()
                .body("items.displayName", contains("Bob Barrister"));
    }
}
