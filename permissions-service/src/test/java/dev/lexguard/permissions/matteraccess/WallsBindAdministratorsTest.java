package dev.lexguard.permissions.matteraccess;

import static org.hamcrest.Matchers.equalTo;

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
}
