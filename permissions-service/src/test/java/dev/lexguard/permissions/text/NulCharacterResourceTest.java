package dev.lexguard.permissions.text;

import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL refuses U+0000 in text: a group, matter, activity description or role text holding it was a 500. Now it
 * is a 400 naming the field, and nothing is stored.
 */
@QuarkusTest
class NulCharacterResourceTest {

    private static final String NUL = "\u0000";

    @Test
    void textWithANulCharacterIsA400NamingTheFieldInEveryResource() {
        TestFirm firm = Fixtures.firm();
        refused(firm, "/api/v1/groups", Map.of("name", "Fam" + NUL + "ily", "kind", "other"), "name");
        refused(firm, "/api/v1/matters", Map.of("displayNumber", "2026-" + NUL, "description", "Estate"), "displayNumber");
        refused(firm, "/api/v1/activity-descriptions", Map.of("name", "Call" + NUL, "visibility", "everyone"), "name");
        refused(firm, "/api/v1/permissions/roles", Map.of("name", "Clerk" + NUL, "permissions", List.of()), "name");
        firm.asOwner().get("/api/v1/groups").then().statusCode(200).body("items.findAll { it.name.startsWith('Fam') }.size()",
                equalTo(0));
        firm.asOwner().queryParam("q", "Fam" + NUL).get("/api/v1/groups").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
    }

    private static void refused(TestFirm firm, String path, Map<String, Object> body, String field) {
        firm.asOwner().body(body).post(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
    }
}
