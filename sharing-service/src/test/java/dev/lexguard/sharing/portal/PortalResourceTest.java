package dev.lexguard.sharing.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.sharing.Fixtures;
import dev.lexguard.sharing.Fixtures.TestFirm;
import dev.lexguard.sharing.SharingTopic;
import dev.lexguard.sharing.Upstream;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The portal story with tokens minted by the test (identity-service issues them in production). */
@QuarkusTest
class PortalResourceTest {

    @Test
    void aContactListsOpensAndLosesARevokedShareAtOnce() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID contact = Fixtures.contact(firm, "Casey Client", "client");
        UUID letter = Fixtures.share(firm, contact, matter, "Engagement letter");
        UUID invoice = Fixtures.share(firm, contact, matter, "Invoice");

        firm.asContact(contact).get("/api/v1/portal/shares").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].title", equalTo("Invoice")).body("items[1].title", equalTo("Engagement letter"));
        firm.asContact(contact).get("/api/v1/portal/shares?limit=1").then().statusCode(200).body("items", hasSize(1));

        firm.asContact(contact).header("User-Agent", "PortalTest/1.0").header("X-Forwarded-For", "203.0.113.7")
                .get("/api/v1/portal/shares/{id}", letter).then().statusCode(200)
                .body("title", equalTo("Engagement letter")).body("accessLevel", equalTo("view"));
        assertThat(Upstream.text("select ip from share_open where share_id = ?", letter)).isEqualTo("203.0.113.7");
        assertThat(Upstream.text("select user_agent from share_open where share_id = ?", letter)).isEqualTo("PortalTest/1.0");
        firm.asOwner().get("/api/v1/shares/{id}", letter).then().statusCode(200).body("openCount", equalTo(1));
        try (SharingTopic topic = new SharingTopic()) {
            JsonNode opened = topic.await("dev.lexguard.sharing.share.opened", e -> letter.toString().equals(e.path("subject").asText()));
            assertThat(opened.path("actortype").asText()).isEqualTo("contact");
            assertThat(opened.path("actorid").asText()).isEqualTo(contact.toString());
            assertThat(opened.path("data").path("ip").asText()).isEqualTo("203.0.113.7");
            assertThat(opened.path("data").path("contactName").asText()).isEqualTo("Casey Client");
        }

        firm.asOwner().body(Map.of("reason", "Sent by mistake")).post("/api/v1/shares/{id}/revoke", invoice).then().statusCode(200);
        firm.asContact(contact).get("/api/v1/portal/shares/{id}", invoice).then().statusCode(404)
                .contentType("application/problem+json");
        firm.asContact(contact).get("/api/v1/portal/shares").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void anotherContactsShareIsNotFound() {
        TestFirm firm = Fixtures.firm();
        UUID matter = Fixtures.matter(firm);
        UUID casey = Fixtures.contact(firm, "Casey Client", "client");
        UUID other = Fixtures.contact(firm, "Other Client", "client");
        UUID share = Fixtures.share(firm, casey, matter, "Casey's letter");
        firm.asContact(other).get("/api/v1/portal/shares/{id}", share).then().statusCode(404);
        firm.asContact(other).get("/api/v1/portal/shares").then().statusCode(200).body("items", hasSize(0));
        TestFirm elsewhere = Fixtures.firm();
        elsewhere.asContact(casey).get("/api/v1/portal/shares/{id}", share).then().statusCode(404);
        assertThat(Upstream.count("select count(*) from share_open where share_id = ?", share)).isZero();
    }
}
