package dev.lexguard.permissions;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Each test makes its own firm: identity's events are published on the real topic, and the fixture waits
 * until this service has projected them.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public record TestFirm(UUID firmId, UUID ownerId) {

        public RequestSpecification as(UUID user) {
            return given().auth().oauth2(Tokens.user(firmId, user)).contentType(ContentType.JSON);
        }

        public RequestSpecification asOwner() {
            return as(ownerId);
        }

        /** As the user, just after a step-up (a second factor proven now), for risky acts. */
        public RequestSpecification steppedUp(UUID user) {
            return given().auth().oauth2(Tokens.steppedUp(firmId, user)).contentType(ContentType.JSON);
        }
    }

    /** A firm whose owner is projected and holds every permission. */
    public static TestFirm firm() {
        UUID firmId = UUID.randomUUID();
        UUID ownerId = UUID.randomUUID();
        IdentityEventsProducer.send(IdentityEventsProducer.firmCreated(firmId, ownerId));
        IdentityEventsProducer.send(IdentityEventsProducer.userCreated(firmId, ownerId, "Olu Owner", true, ownerId));
        TestFirm firm = new TestFirm(firmId, ownerId);
        awaitPermissions(firm, ownerId, List.of("accounts", "administrator", "billing", "reporting"));
        return firm;
    }

    /** A user of the firm with no permissions, once projected. */
    public static UUID user(TestFirm firm, String displayName) {
        UUID userId = UUID.randomUUID();
        IdentityEventsProducer.send(IdentityEventsProducer.userCreated(firm.firmId(), userId, displayName, false, firm.ownerId()));
        awaitPermissions(firm, userId, List.of());
        return userId;
    }

    /** A user with the given direct permissions, granted by the owner. */
    public static UUID user(TestFirm firm, String displayName, String... permissions) {
        UUID userId = user(firm, displayName);
        firm.asOwner().body(Map.of("permissions", List.of(permissions)))
                .put("/api/v1/permissions/users/{id}", userId).then().statusCode(200);
        return userId;
    }

    /** A group of the firm, created by the owner. */
    public static UUID group(TestFirm firm, String name) {
        String id = firm.asOwner().body(Map.of("name", name, "description", "", "kind", "other"))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static void addMember(TestFirm firm, UUID group, UUID user) {
        firm.asOwner().put("/api/v1/groups/{id}/members/{user}", group, user).then().statusCode(204);
    }

    /** A matter of the firm (access: everyone), registered by the owner. */
    public static UUID matter(TestFirm firm, String displayNumber) {
        String id = firm.asOwner().body(Map.of("displayNumber", displayNumber, "description", "Matter " + displayNumber))
                .post("/api/v1/matters").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    /** Sets the matter's access list as the owner. */
    public static void access(TestFirm firm, UUID matter, String mode, List<UUID> groups, List<UUID> users, List<UUID> blocked) {
        firm.asOwner().body(Map.of("mode", mode, "groupIds", groups, "userIds", users, "blockedUserIds", blocked))
                .put("/api/v1/matters/{id}/access", matter).then().statusCode(200);
    }

    public static void awaitPermissions(TestFirm firm, UUID userId, List<String> permissions) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = firm.as(userId).get("/api/v1/permissions/users/{id}", userId);
            return response.statusCode() == 200 && permissions.equals(response.jsonPath().getList("permissions"));
        });
    }
}
