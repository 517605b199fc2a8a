package dev.lexguard.sharing.text;

import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL refuses U+0000 in text: a contact's name or a share's title holding it was a 500; now a 400 naming the field. */
@QuarkusTest
class NulCharacterResourceTest {

    @Test
    void aContactNameOrShareTitleWithANulCharacterIsA400NamingTheField() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().body(Map.of("name", "Casey\u0000Client", "email", "casey@client.example", "kind", "client"))
                .post("/api/v1/contacts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"))
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        UUID matter = Fixtures.matter(firm);
        firm.asOwner().body(Fixtures.shareBody(contact, matter, "Engagement\u0000letter")).post("/api/v1/shares").then()
                .statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-field"))
                .body("errors[0].field", equalTo("title"));
    }
}
