package dev.lexguard.permissions.matteraccess;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "A block beats every allow, administrator included": an administrator blocked from a matter can neither read its
 * access list nor lift their own block (another administrator must), and no change may leave a list that no
 * administrator could change again.
 */
@QuarkusTest
class WallsBindAdministratorsTest {

    private static Map<String, Object> list(String mode, List<UUID> users, List<UUID> blocked) {
        return Map.of("mode", mode, "groupIds", List.of(), "userIds", users, "blockedUserIds", blocked);
    }

    @Test
    void aBlockedAdministratorCannotReadTheListNorLiftTheirOwnBlock() {
        TestFirm firm = Fixtures.firm();
        UUID admin = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID matter = Fixtures.matter(firm, "2026-0101");
        firm.as(admin).get("/api/v1/matters/{id}/access", matter).then().statusCode(200);
        Fixtures.access(firm, matter, "restricted", List.of(), List.of(), List.of(admin));

        firm.as(admin).get("/api/v1/matters/{id}/access", matter).then().statusCode(404)
                .contentType("application/problem+json");
        firm.as(admin).get("/api/v1/matters/{id}/access?at=2026-01-01T00:00:00Z", matter).then().statusCode(404);
        firm.as(admin).body(list("everyone", List.of(), List.of())).put("/api/v1/matters/{id}/access", matter).then()
                .statusCode(404);
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().statusCode(200)
                .body("blockedUsers[0].id", equalTo(admin.toString()));
        // another administrator, not blocked, lifts it
        firm.asOwner().body(list("restricted", List.of(admin), List.of())).put("/api/v1/matters/{id}/access", matter).then()
                .statusCode(200);
        firm.as(admin).get("/api/v1/matters/{id}/access", matter).then().statusCode(200);
    }

    @Test
    void aListNoAdministratorCouldChangeAgainIsRefused() {
        TestFirm firm = Fixtures.firm();
        UUID admin = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID matter = Fixtures.matter(firm, "2026-0102");
        firm.asOwner().body(list("restricted", List.of(), List.of(firm.ownerId(), admin))).put("/api/v1/matters/{id}/access", matter)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/no-administrator-left"));
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().statusCode(200).body("mode", equalTo("everyone"));
        // one administrator left able to change it is enough, even when the one blocked is the owner making the change
        firm.asOwner().body(list("restricted", List.of(), List.of(firm.ownerId()))).put("/api/v1/matters/{id}/access", matter)
                .then().statusCode(200);
        firm.asOwner().get("/api/v1/matters/{id}/access", matter).then().statusCode(404);
        firm.as(admin).get("/api/v1/matters/{id}/access", matter).then().statusCode(200);
    }

    @Test
    void aBlockedAdministratorCanNeitherChangeNorCloseTheMatter() {
        TestFirm firm = Fixtures.firm();
        UUID admin = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID matter = Fixtures.matter(firm, "2026-0103");
        Fixtures.access(firm, matter, "everyone", List.of(), List.of(), List.of(admin));

        firm.as(admin).body(Map.of("displayNumber", "2026-0103", "description", "renamed", "status", "open"))
                .put("/api/v1/matters/{id}", matter).then().statusCode(404).contentType("application/problem+json");
        firm.as(admin).post("/api/v1/matters/{id}/close", matter).then().statusCode(404);
        firm.asOwner().get("/api/v1/matters/{id}", matter).then().statusCode(200).body("status", equalTo("open"));
    }

    @Test
    void aBlockedAdministratorLearnsNothingOfTheMatterFromAccessAnswers() {
        TestFirm firm = Fixtures.firm();
        UUID admin = Fixtures.user(firm, "Ada Admin", "administrator");
        UUID walled = Fixtures.matter(firm, "2026-0104");
        UUID open = Fixtures.matter(firm, "2026-0105");
        Fixtures.access(firm, walled, "everyone", List.of(), List.of(), List.of(admin));

        firm.as(admin).get("/api/v1/access/matters/{id}/users", walled).then().statusCode(404);
        firm.as(admin).get("/api/v1/access/matters/{id}/users", open).then().statusCode(200);
        firm.as(admin).get("/api/v1/access/users/{user}/matters/{matter}", firm.ownerId(), walled).then().statusCode(404);
        firm.as(admin).get("/api/v1/access/users/{user}/matters/{matter}?at=2026-01-01T00:00:00Z", firm.ownerId(), walled)
                .then().statusCode(404);
        firm.as(admin).get("/api/v1/access/users/{user}/matters", firm.ownerId()).then().statusCode(200)
                .body("items.id", hasItem(open.toString())).body("items.id", not(hasItem(walled.toString())));
        firm.as(admin).body(Map.of("checks", List.of(Map.of("userId", firm.ownerId(), "matterId", walled),
                        Map.of("userId", firm.ownerId(), "matterId", open))))
                .post("/api/v1/access/checks").then().statusCode(200)
                .body("results[0].reason", equalTo("unknown-matter")).body("results[0].allowed", equalTo(false))
                .body("results[1].reason", equalTo("administrator"));
        // the owner, not walled, still sees everything about it
        firm.asOwner().get("/api/v1/access/matters/{id}/users", walled).then().statusCode(200);
        firm.asOwner().get("/api/v1/access/users/{user}/matters/{matter}", admin, walled).then().statusCode(200)
                .body("reason", equalTo("blocked"));
    }
}
