package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.ErrorPages.COOKIE;
import static dev.lexguard.console.pages.ErrorPages.assertErrorPage;
import static dev.lexguard.console.pages.ErrorPages.get;
import static dev.lexguard.console.pages.SharingGateway.CONTACT;
import static dev.lexguard.console.pages.SharingGateway.MATTER;
import static dev.lexguard.console.pages.SharingGateway.OVERDUE_SHARE;
import static dev.lexguard.console.pages.SharingGateway.REQUESTS;
import static dev.lexguard.console.pages.SharingGateway.REVOKED_SHARE;
import static dev.lexguard.console.pages.SharingGateway.SHARE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sharing's pages, exports and bulk review decisions against a real HTTP server playing the gateway's sharing
 * endpoints ({@link SharingGateway}): the filters reach sharing-service as its query, a contact's and a matter's views
 * use their own lists (another firm's is its 404, the console's error page), the CSV exports are relayed with their
 * type and a filename, a bulk decision is one POST with the chosen shares, and its refusal shows the shares it named.
 */
@QuarkusTest
@QuarkusTestResource(value = SharingGateway.class, restrictToAnnotatedClass = true)
class SharingRelayResourceTest {

    private static final String FOREIGN = "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a";

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    private static Response post(SignedInSessions.Session session, String path, String decision, String... shares) {
        return given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", session.csrf()).formParam("decision", decision).formParam("share", (Object[]) shares).post(path);
    }

    @Test
    void theFiltersReachSharingServiceAsItsQueryAndTheSharesAreShownEscaped() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);

        Response page = get(admin, "/console/sharing?status=active&expiring=14");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(REQUESTS).contains("GET /api/v1/shares?limit=200&status=active&expiringWithinDays=14");
        assertThat(page.asString()).contains("<h1>Sharing</h1>", "Engagement letter", "Expert report &lt;i&gt;draft&lt;/i&gt;",
                "href=\"/console/sharing?contact=" + CONTACT + "\">Casey Client</a>", "href=\"/console/sharing?matter=" + MATTER + "\">2026-0042</a>",
                "<option value=\"active\" selected>", "<option value=\"14\" selected>",
                "href=\"/console/sharing/export?status=active&amp;expiring=14\" id=\"export\" hx-boost=\"false\" download",
                "href=\"/console/sharing/reviews\"", "href=\"/console/sharing/reviews/report\"")
                .doesNotContain("<i>draft", "an-access-token");
    }

    @Test
    void aContactsAndAMattersViewsAreTheirOwnListsAndAnotherFirmsIdIsNotFound() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        SignedInSessions.Session member = SignedInSessions.create(false, null);

        Response contact = get(admin, "/console/sharing?contact=" + CONTACT + "&status=revoked");
        assertThat(contact.statusCode()).isEqualTo(200);
        assertThat(contact.asString()).contains("<h1>Shared with Casey Client</h1>",
                "href=\"/console/sharing/export?contact=" + CONTACT + "&amp;status=revoked\"");
        assertThat(REQUESTS).contains("GET /api/v1/contacts/" + CONTACT + "/shares?limit=200&status=revoked");

        Response matter = get(member, "/console/sharing?matter=" + MATTER + "&contact=" + CONTACT);
        assertThat(matter.statusCode()).isEqualTo(200);
        assertThat(matter.asString()).contains("<h1>Shared from 2026-0042 Okafor v. Lane</h1>", "With Casey Client only.",
                "<input type=\"hidden\" name=\"matter\" value=\"" + MATTER + "\">")
                .doesNotContain("href=\"/console/sharing/reviews\"", "<select id=\"contact\"");
        assertThat(REQUESTS).contains("GET /api/v1/shares/matters/" + MATTER + "?limit=200&contactId=" + CONTACT);

        // another firm's contact or matter: sharing-service's 404 is the console's
        assertErrorPage(get(admin, "/console/sharing?contact=" + FOREIGN), 404, "Not found");
        assertErrorPage(get(member, "/console/sharing?matter=" + FOREIGN), 404, "Not found");
    }

    @Test
    void theCsvExportsAreRelayedWithTheirTypeAndAFilename() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        Response firm = get(admin, "/console/sharing/export?status=active&expiring=30");
        assertThat(firm.statusCode()).isEqualTo(200);
        assertThat(firm.contentType()).startsWith("text/csv");
        assertThat(firm.header("Content-Disposition")).isEqualTo("attachment; filename=\"lexguard-shares-" + today + ".csv\"");
        assertThat(firm.asString()).isEqualTo(SharingGateway.SHARES_CSV);
        assertThat(REQUESTS).contains("GET /api/v1/shares/export?status=active&expiringWithinDays=30");

        Response contact = get(admin, "/console/sharing/export?contact=" + CONTACT);
        assertThat(contact.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"lexguard-shares-contact-" + CONTACT + "-" + today + ".csv\"");
        assertThat(contact.asString()).isEqualTo(SharingGateway.SHARES_CSV);
        assertThat(REQUESTS).contains("GET /api/v1/contacts/" + CONTACT + "/shares/export");

        Response matter = get(SignedInSessions.create(false, null), "/console/sharing/export?matter=" + MATTER + "&contact=" + CONTACT);
        assertThat(matter.statusCode()).isEqualTo(200);
        assertThat(matter.header("Content-Disposition")).contains("lexguard-shares-matter-" + MATTER + "-" + today + ".csv");
        assertThat(REQUESTS).contains("GET /api/v1/shares/matters/" + MATTER + "/export?contactId=" + CONTACT);

        Response report = get(admin, "/console/sharing/reviews/report/export?from=2026-01-01&to=2026-11-30");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.contentType()).startsWith("text/csv");
        assertThat(report.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"lexguard-share-reviews-2026-01-01-to-2026-11-30.csv\"");
        assertThat(report.asString()).isEqualTo(SharingGateway.REPORT_CSV);
        assertThat(REQUESTS).contains(
                "GET /api/v1/share-reviews/report/export?from=2026-01-01T00%3A00%3A00Z&to=2026-12-01T00%3A00%3A00Z");
    }

    @Test
    void anExportOfAnotherFirmsContactOrMatterIsTheErrorPageAndARefusedOneReachesNoGateway() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        SignedInSessions.Session member = SignedInSessions.create(false, null);
        assertErrorPage(get(admin, "/console/sharing/export?contact=" + FOREIGN), 404, "Not found");
        assertErrorPage(get(member, "/console/sharing/export?matter=" + FOREIGN), 404, "Not found");

        int requests = REQUESTS.size();
        assertErrorPage(get(member, "/console/sharing/export"), 403, "Not allowed");
        assertErrorPage(get(member, "/console/sharing/export?contact=" + CONTACT), 403, "Not allowed");
        assertErrorPage(get(member, "/console/sharing/reviews/report/export"), 403, "Not allowed");
        assertErrorPage(get(admin, "/console/sharing/export?status=deleted"), 400, "Please check what you entered");
        assertErrorPage(get(admin, "/console/sharing/export?matter=not-a-matter"), 404, "Not found");
        assertErrorPage(get(admin, "/console/sharing/reviews/report/export?from=2026-12-01&to=2026-11-01"), 400, "Please check");
        assertErrorPage(given().redirects().follow(false).get("/console/sharing/export"), 401, "Your session has ended");
        assertThat(REQUESTS).hasSize(requests);
    }

    @Test
    void theReviewQueueListsTheDueSharesEachWithACheckbox() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);

        Response queue = get(admin, "/console/sharing/reviews?within=7");

        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(REQUESTS).contains("GET /api/v1/share-reviews/due?limit=200&withinDays=7");
        assertThat(queue.asString()).contains("<h1>Share reviews</h1>", "action=\"/console/sharing/reviews/decisions\"",
                "<input type=\"hidden\" name=\"csrf\" value=\"" + admin.csrf() + "\">",
                "<input type=\"hidden\" name=\"within\" value=\"7\">",
                "<input type=\"checkbox\" name=\"share\" value=\"" + SHARE + "\" id=\"choose-" + SHARE + "\">",
                "<label for=\"choose-" + OVERDUE_SHARE + "\" class=\"visually-hidden\">Choose Expert report &lt;i&gt;draft&lt;/i&gt; shared with Erin Expert</label>",
                "tag-overdue", "name=\"decision\" value=\"keep\"", "name=\"decision\" value=\"revoke\"", "<label for=\"note\">")
                .doesNotContain("<i>draft");
    }

    @Test
    void aBulkDecisionIsOnePostOfTheChosenSharesAndItsOutcomeIsShown() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        int sent = SharingGateway.DECISIONS.size();

        Response kept = given().redirects().follow(false).cookie(COOKIE, admin.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", admin.csrf()).formParam("decision", "keep").formParam("note", "  Still engaged  ")
                .formParam("within", "30").formParam("share", SHARE, OVERDUE_SHARE, SHARE).post("/console/sharing/reviews/decisions");

        assertThat(kept.statusCode()).isEqualTo(303);
        assertThat(kept.header("Location")).isEqualTo("/console/sharing/reviews?within=30&kept=2");
        assertThat(SharingGateway.DECISIONS).hasSize(sent + 1);
        assertThat(SharingGateway.DECISIONS.get(sent)).isEqualTo(new JsonObject().put("decisions", new JsonArray()
                .add(new JsonObject().put("shareId", SHARE).put("decision", "keep").put("note", "Still engaged"))
                .add(new JsonObject().put("shareId", OVERDUE_SHARE).put("decision", "keep").put("note", "Still engaged"))));
        assertThat(get(admin, kept.header("Location")).asString())
                .contains("id=\"review-outcome\">2 shares kept: their next review is set from the firm&#39;s interval.");

        Response revoked = post(admin, "/console/sharing/reviews/decisions", "revoke", OVERDUE_SHARE);
        assertThat(revoked.header("Location")).isEqualTo("/console/sharing/reviews?revoked=1");
        assertThat(SharingGateway.DECISIONS.get(sent + 1)).isEqualTo(new JsonObject().put("decisions", new JsonArray()
                .add(new JsonObject().put("shareId", OVERDUE_SHARE).put("decision", "revoke"))));
        assertThat(get(admin, revoked.header("Location")).asString()).contains("1 share revoked: its contact can no longer open it.");
    }

    @Test
    void aDecisionSharingServiceRefusesShowsTheQueueAgainWithTheSharesItNamed() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);

        Response refused = post(admin, "/console/sharing/reviews/decisions", "revoke", SHARE, REVOKED_SHARE);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.asString()).contains("id=\"review-refused\"",
                "Nothing was decided: a share chosen has been revoked or has expired since the list was shown.",
                "Not in the list below: <code>" + REVOKED_SHARE + "</code>",
                "value=\"" + SHARE + "\" id=\"choose-" + SHARE + "\" checked>",
                "value=\"" + OVERDUE_SHARE + "\" id=\"choose-" + OVERDUE_SHARE + "\">")
                .doesNotContain("Exception", "share-not-active", "2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f");

        Response foreign = post(admin, "/console/sharing/reviews/decisions", "keep", OVERDUE_SHARE, SharingGateway.FOREIGN_SHARE);
        assertThat(foreign.statusCode()).isEqualTo(422);
        assertThat(foreign.asString()).contains("Nothing was decided: a share chosen is not one of the firm&#39;s that you can see.",
                "<code>" + SharingGateway.FOREIGN_SHARE + "</code>", "value=\"" + OVERDUE_SHARE + "\" id=\"choose-" + OVERDUE_SHARE + "\" checked>")
                .doesNotContain("unknown-shares", "No share of this firm");
    }

    @Test
    void theEvidenceReportShowsEveryDecisionOfThePeriodAndWhoTookIt() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);

        Response report = get(admin, "/console/sharing/reviews/report?from=2026-01-01&to=2026-11-30");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(REQUESTS).contains("GET /api/v1/share-reviews/report?from=2026-01-01T00%3A00%3A00Z&to=2026-12-01T00%3A00%3A00Z");
        assertThat(report.asString()).contains("<h1>Share review evidence</h1>", "from 1 Jan 2026, 00:00 UTC up to 1 Jan 2027, 00:00 UTC",
                "id=\"kept\">1</dd>", "id=\"revoked\">0</dd>", "id=\"decision-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"",
                "29 Nov 2026, 21:30 UTC", "<td>Ada Okafor</td>", "Still engaged &lt;b&gt;yes&lt;/b&gt;", "Engagement letter",
                "value=\"2026-01-01\"", "value=\"2026-11-30\"",
                "href=\"/console/sharing/reviews/report/export?from=2026-01-01&amp;to=2026-11-30\" id=\"export\" hx-boost=\"false\" download")
                .doesNotContain("<b>yes");
        get(admin, "/console/sharing/reviews/report");
        assertThat(REQUESTS).contains("GET /api/v1/share-reviews/report");
    }
}
