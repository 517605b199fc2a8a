package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.ErrorPages.COOKIE;
import static dev.lexguard.console.pages.ErrorPages.assertErrorPage;
import static dev.lexguard.console.pages.ErrorPages.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.MatterAccessView;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.PeopleView;
import dev.lexguard.console.web.SharingView;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console itself decides on the sharing page, before the gateway (the firm-wide list is an administrator's, a
 * matter's list anyone's the API lets see it, malformed filters and ids are error pages, the extend form carries the
 * session's CSRF token), and how the new pages render the API's answers (escaped, the extend form on active shares).
 * (No gateway runs in these tests: a request that got past the console's own checks is answered 502.)
 */
@QuarkusTest
class SharingPagesResourceTest {

    private static final String SHARE = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    private static final String MATTER = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    private static final String CONTACT = "8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f";

    @Inject
    Pages pages;

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    private static JsonObject page(JsonObject... items) {
        return new JsonObject().put("items", new JsonArray(List.of((Object[]) items))).putNull("nextCursor");
    }

    @Test
    void theFirmsSharesAreRefusedToANonAdministratorButAMattersAreNot() throws Exception {
        SignedInSessions.Session member = SignedInSessions.create(false, null);
        assertErrorPage(get(member, "/console/sharing"), 403, "Not allowed");
        assertErrorPage(get(member, "/console/sharing?contact=" + CONTACT + "&expiring=14"), 403, "Not allowed");
        // one matter's shares are anyone's who can see the matter: sharing-service decides (not running here)
        assertErrorPage(get(member, "/console/sharing?matter=" + MATTER), 502, "LexGuard is not answering");
        assertErrorPage(get(SignedInSessions.create(true, null), "/console/sharing?expiring=14&status=active"), 502,
                "LexGuard is not answering");
    }

    @Test
    void malformedFiltersAreErrorPagesBeforeAnyCall() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        assertErrorPage(get(admin, "/console/sharing?matter=not-a-matter"), 404, "Not found");
        assertErrorPage(get(admin, "/console/sharing?contact=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 404, "Not found");
        assertErrorPage(get(admin, "/console/sharing?expiring=9999"), 400, "Please check what you entered");
        assertErrorPage(get(admin, "/console/sharing?expiring=soon"), 400, "Please check what you entered");
        assertErrorPage(get(admin, "/console/sharing?status=deleted"), 400, "Please check what you entered");
    }

    @Test
    void extendRefusesAMissingOrForeignCsrfTokenAndAMalformedShareId() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);
        SignedInSessions.Session other = SignedInSessions.create(false, null);
        String form = "/console/sharing/" + SHARE + "/extend";
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                .formParam("matter", MATTER).post(form), 403, "This form has expired");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", other.csrf()).post(form), 403, "This form has expired");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", session.csrf()).post("/console/sharing/not-a-share/extend"), 404, "Not found");
        // with the session's own token the form reaches sharing-service's extend (not running here)
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", session.csrf()).post(form), 502, "LexGuard is not answering");
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("csrf", session.csrf()).post(form).then()
                .statusCode(401);
    }

    @Test
    void theSharingPageOffersExtendOnActiveSharesAndMarksTheOnesExpiringSoon() {
        Instant now = Instant.now();
        JsonObject shares = page(
                new JsonObject().put("id", SHARE).put("matterId", MATTER).put("contactId", CONTACT).put("contactName", "Casey Client")
                        .put("contactKind", "client").put("resourceType", "document").put("title", "<script>alert(1)</script>")
                        .put("expiresAt", now.plus(Duration.ofDays(3)).toString()).put("status", "active").put("openCount", 2),
                new JsonObject().put("id", "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e").put("matterId", MATTER).put("contactName", "Casey Client")
                        .put("title", "Old bill").put("expiresAt", now.minus(Duration.ofDays(3)).toString()).put("status", "expired"));
        JsonObject matters = page(new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042").put("description", "Okafor v. Lane"));
        JsonObject contacts = page(new JsonObject().put("id", CONTACT).put("name", "Casey Client"));
        SignedIn admin = new SignedIn("token", "the-csrf-token", UUID.randomUUID(), true, null);

        String html = pages.sharing(admin, SharingView.of(shares, contacts, matters, CONTACT, null, null, 14, now), null);

        assertThat(html).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("id=\"share-" + SHARE + "\" class=\"unusual\"", "Expires soon",
                "action=\"/console/sharing/" + SHARE + "/extend\"", "value=\"the-csrf-token\"", "2026-0042",
                "<option value=\"" + CONTACT + "\" selected>Casey Client</option>", "<option value=\"14\" selected>");
        assertThat(html).doesNotContain("action=\"/console/sharing/7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e/extend\"");
    }

    @Test
    void thePeopleAndAccessPagesShowTheAdministratorsSectionsOnlyToAnAdministrator() {
        JsonObject groups = page(new JsonObject().put("id", "5b0e3c1a-7d2f-4e8a-9c61-2f4d8e0a1b23").put("name", "Family law"));
        JsonObject users = page(new JsonObject().put("id", "cdba682f-99c5-4e72-b35b-9cec60f45e73").put("email", "bea@harbourlane.example")
                .put("displayName", "Bea <b>Biller</b>"));
        JsonObject matters = page(new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042").put("access", "restricted"));
        PeopleView full = PeopleView.of(users, Map.of(), groups, Map.of(), matters);
        String admin = pages.people(new SignedIn("t", "c", UUID.randomUUID(), true, null), full);
        assertThat(admin).contains("id=\"people\"", "Bea &lt;b&gt;Biller&lt;/b&gt;", "href=\"/console/matters/" + MATTER + "/access\"",
                "Family law");
        String member = pages.people(new SignedIn("t", "c", UUID.randomUUID(), false, null),
                PeopleView.of(new JsonObject(), Map.of(), groups, Map.of(), new JsonObject()));
        assertThat(member).contains("Family law").doesNotContain("id=\"people\"", "id=\"matters\"", "/access\"");

        JsonObject viewers = page(new JsonObject().put("userId", "cdba682f-99c5-4e72-b35b-9cec60f45e73").put("displayName", "Bea Biller")
                .put("reason", "user-grant"));
        String access = pages.matterAccess(new SignedIn("t", "c", UUID.randomUUID(), true, null),
                MatterAccessView.of(new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042"),
                        new JsonObject().put("mode", "everyone"), viewers, "2026-11-01"), "2026-12-07");
        assertThat(access).contains("Who can see 2026-0042", "Named on the access list", "Open to everyone in the firm",
                "As it was at the end of", "value=\"2026-11-01\"", "max=\"2026-12-07\"");
    }
}
