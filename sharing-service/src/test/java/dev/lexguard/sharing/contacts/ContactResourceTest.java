package dev.lexguard.sharing.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.lexguard.devstack.DeadLetters;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactResourceTest {

    @Test
    void contactsAreRegisteredListedAndChanged() {
        TestFirm firm = Fixtures.firm();
        UUID casey = Fixtures.contact(firm, "Casey Client", "client");
        Fixtures.contact(firm, "Ada Expert", "expert");
        firm.asOwner().get("/api/v1/contacts").then().statusCode(200).body("items", hasSize(2)).body("items[0].name", equalTo("Ada Expert"));
        firm.asOwner().get("/api/v1/contacts?kind=client").then().statusCode(200).body("items", hasSize(1));
        firm.asOwner().get("/api/v1/contacts?kind=judge").then().statusCode(400)
                .body("type", equalTo("https://lexguard.dev/problems/invalid-filter")).body("errors[0].field", equalTo("kind"));
        firm.asOwner().body(Map.of("name", "Casey C. Client", "email", "casey@new.example", "kind", "co-counsel"))
                .put("/api/v1/contacts/{id}", casey).then().statusCode(200).body("kind", equalTo("co-counsel"));
        firm.asOwner().body(Map.of("name", "", "email", "not-an-email", "kind", "judge")).post("/api/v1/contacts").then().statusCode(400)
                .body("errors", hasSize(3));
        Fixtures.firm().asOwner().get("/api/v1/contacts/{id}", casey).then().statusCode(404);
    }

    @Test
    void contactsFollowThePracticeManagementCoresEvents() {
        TestFirm firm = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        Upstream.publish("activity", "dev.lexguard.activity.contact.created", firm.firmId(), contact.toString(),
                Map.of("contactId", contact.toString(), "name", "Core Client", "email", "core@client.example", "kind", "client"));
        firm.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(200).body("source", equalTo("activity"))
                .body("name", equalTo("Core Client"));
        Upstream.publish("activity", "dev.lexguard.activity.contact.updated", firm.firmId(), contact.toString(),
                Map.of("contactId", contact.toString(), "name", "Core Expert", "email", "core@client.example", "kind", "expert"));
        firm.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(200).body("kind", equalTo("expert"));

        UUID share = Fixtures.share(firm, contact, Fixtures.matter(firm), "Report");
        Upstream.publish("activity", "dev.lexguard.activity.contact.deleted", firm.firmId(), contact.toString(),
                Map.of("contactId", contact.toString()));
        firm.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(404);
        firm.asOwner().get("/api/v1/shares/{id}", share).then().statusCode(200).body("status", equalTo("revoked"));
        assertThat(Upstream.text("select revoke_reason from share where id = ?", share)).isEqualTo("The contact was deleted");
    }

    @Test
    void aContactIdOfAnotherFirmIsDeadLettered() {
        TestFirm firm = Fixtures.firm();
        TestFirm other = Fixtures.firm();
        UUID contact = UUID.randomUUID();
        Map<String, String> data = Map.of("contactId", contact.toString(), "name", "Shared Id", "email", "x@client.example", "kind", "client");
        Upstream.publish("activity", "dev.lexguard.activity.contact.created", firm.firmId(), contact.toString(), data);
        var event = Upstream.send("activity", "dev.lexguard.activity.contact.created", other.firmId(), contact.toString(), data);
        assertThat(DeadLetters.reasonFor("lexguard.sharing.dlq", event.id(), Duration.ofSeconds(90))).contains("belongs to another firm");
        other.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(404);
        firm.asOwner().get("/api/v1/contacts/{id}", contact).then().statusCode(200);
    }
}
