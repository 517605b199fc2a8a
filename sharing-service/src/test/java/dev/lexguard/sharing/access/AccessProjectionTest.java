package dev.lexguard.sharing.access;

import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The projection of identity's and permissions-service's events decides who may share and who administers. */
@QuarkusTest
class AccessProjectionTest {

    @Test
    void administratorPermissionOpensTheFirmWideListAndRestrictedMatters() {
        TestFirm firm = Fixtures.firm();
        UUID user = Fixtures.user(firm);
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(), 2);
        firm.as(user).get("/api/v1/shares").then().statusCode(403);
        firm.as(user).body(Fixtures.shareBody(contact, matter, "Letter")).post("/api/v1/shares").then().statusCode(422);

        Upstream.permissions(firm.firmId(), user, List.of("administrator"));
        firm.as(user).get("/api/v1/shares").then().statusCode(200);
        Fixtures.share(firm, user, Fixtures.shareBody(contact, matter, "Letter"));

        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(user), 3);
        firm.as(user).body(Fixtures.shareBody(contact, matter, "Blocked admin")).post("/api/v1/shares").then().statusCode(422)
                .body("type", equalTo("https://lexguard.dev/problems/unknown-matter"));

        Upstream.permissions(firm.firmId(), user, List.of("billing"));
        firm.as(user).get("/api/v1/shares").then().statusCode(403);
    }

    @Test
    void aDeactivatedUserCannotShareAndStaleAccessListsAreIgnored() {
        TestFirm firm = Fixtures.firm();
        UUID user = Fixtures.user(firm);
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(user), List.of(), 3);
        Upstream.access(firm.firmId(), matter, "restricted", List.of(), List.of(), List.of(), 2);
        Fixtures.share(firm, user, Fixtures.shareBody(contact, matter, "Granted, the older list came late"));

        Upstream.publish("identity", "dev.lexguard.identity.user.deactivated", firm.firmId(), user.toString(),
                Map.of("userId", user.toString(), "sessionsEnded", 1));
        firm.as(user).body(Fixtures.shareBody(contact, matter, "After deactivation")).post("/api/v1/shares").then().statusCode(422);
        UUID stranger = UUID.randomUUID();
        firm.as(stranger).body(Fixtures.shareBody(contact, matter, "Unknown user")).post("/api/v1/shares").then().statusCode(422);
    }

    @Test
    void ownershipFollowsTransfers() {
        TestFirm firm = Fixtures.firm();
        UUID next = Fixtures.user(firm);
        firm.as(next).get("/api/v1/shares").then().statusCode(403);
        Upstream.publish("permissions", "dev.lexguard.permissions.ownership.transferred", firm.firmId(), firm.firmId().toString(),
                Map.of("previousOwnerId", firm.ownerId().toString(), "ownerId", next.toString()));
        firm.as(next).get("/api/v1/shares").then().statusCode(200);
        firm.asOwner().get("/api/v1/shares").then().statusCode(403);
    }
}
