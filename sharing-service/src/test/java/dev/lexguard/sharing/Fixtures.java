package dev.lexguard.sharing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Each test makes its own firm, projected from real events on the real topics. */
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

        public RequestSpecification asContact(UUID contact) {
            return given().auth().oauth2(Tokens.portalContact(firmId, contact)).contentType(ContentType.JSON);
        }
    }

    /** A firm whose owner (an administrator) is projected. */
    public static TestFirm firm() {
        UUID firmId = UUID.randomUUID();
        UUID ownerId = UUID.randomUUID();
        Upstream.firm(firmId, ownerId);
        return new TestFirm(firmId, ownerId);
    }

    /** An active user with no permissions. */
    public static UUID user(TestFirm firm) {
        UUID userId = UUID.randomUUID();
        Upstream.user(firm.firmId(), userId);
        return userId;
    }

    /** An open matter whose access is everyone. */
    public static UUID matter(TestFirm firm) {
        UUID matterId = UUID.randomUUID();
        Upstream.matter(firm.firmId(), matterId, "open");
        return matterId;
    }

    public static UUID contact(TestFirm firm, String name, String kind) {
        String id = firm.asOwner().body(Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@client.example", "kind", kind))
                .post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static Map<String, Object> shareBody(UUID contact, UUID matter, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("contactId", contact.toString());
        body.put("matterId", matter.toString());
        body.put("resourceType", "document");
        body.put("resourceId", "doc-" + UUID.randomUUID());
        body.put("title", title);
        body.put("accessLevel", "view");
        body.put("message", "Please review");
        return body;
    }

    public static Map<String, Object> shareBody(UUID contact, UUID matter, String title, Instant expiresAt) {
        Map<String, Object> body = shareBody(contact, matter, title);
        body.put("expiresAt", expiresAt.toString());
        return body;
    }

    /** A share made by the owner; its id. */
    public static UUID share(TestFirm firm, UUID contact, UUID matter, String title) {
        return share(firm, firm.ownerId(), shareBody(contact, matter, title));
    }

    public static UUID share(TestFirm firm, UUID by, Map<String, Object> body) {
        String id = firm.as(by).body(body).post("/api/v1/shares").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static List<UUID> none() {
        return List.of();
    }
}
