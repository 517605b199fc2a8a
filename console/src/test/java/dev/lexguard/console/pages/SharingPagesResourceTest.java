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
import dev.lexguard.console.web.ReviewPeriod;
import dev.lexguard.console.web.ReviewQueueView;
import dev.lexguard.console.web.ReviewReportView;
import dev.lexguard.console.web.SharingFilters;
import dev.lexguard.console.web.SharingView;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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

    private static Response decide(SignedInSessions.Session session, String csrf, String decision, String... shares) {
        RequestSpecification form = given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC);
        if (csrf != null) {
            form.formParam("csrf", csrf);
        }
        if (decision != null) {
            form.formParam("decision", decision);
        }
        if (shares.length > 0) {
            form.formParam("share", (Object[]) shares);
        }
        return form.post("/console/sharing/reviews/decisions");
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
        assertErrorPage(get(admin, "/console/sharing/export?contact=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 404, "Not found");
        assertErrorPage(get(admin, "/console/sharing/export?expiring=soon"), 400, "Please check what you entered");
        assertErrorPage(get(admin, "/console/sharing/reviews?within=9999"), 400, "Please check what you entered");
        assertErrorPage(get(admin, "/console/sharing/reviews/report?from=last-year"), 400, "Please check what you entered");
        assertErrorPage(get(admin, "/console/sharing/reviews/report?from=2026-12-01&to=2026-11-01"), 400, "Please check");
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

        String html = pages.sharing(admin, SharingView.of(shares, contacts, matters, SharingFilters.parse(CONTACT, null, null, "14"), now),
                null);

        assertThat(html).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("<h1>Shared with Casey Client</h1>", "id=\"share-" + SHARE + "\" class=\"unusual\"", "Expires soon",
                "action=\"/console/sharing/" + SHARE + "/extend\"", "value=\"the-csrf-token\"", "2026-0042",
                "<option value=\"" + CONTACT + "\" selected>Casey Client</option>", "<option value=\"14\" selected>");
        assertThat(html).doesNotContain("action=\"/console/sharing/7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e/extend\"");
    }

    @Test
    void theReviewPagesAndTheirFormAreAnAdministratorsBeforeAnyCall() throws Exception {
        SignedInSessions.Session member = SignedInSessions.create(false, null);
        assertErrorPage(get(member, "/console/sharing/reviews"), 403, "Not allowed");
        assertErrorPage(get(member, "/console/sharing/reviews/report"), 403, "Not allowed");
        assertErrorPage(get(member, "/console/sharing/reviews/report/export"), 403, "Not allowed");
        assertErrorPage(decide(member, member.csrf(), "keep", SHARE), 403, "Not allowed");
        String page = get(member, "/console/sharing?matter=" + MATTER).asString();
        assertThat(page).doesNotContain("/console/sharing/reviews");
        // an administrator's reach sharing-service (not running here)
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        assertErrorPage(get(admin, "/console/sharing/reviews?within=30"), 502, "LexGuard is not answering");
        assertErrorPage(get(admin, "/console/sharing/reviews/report?from=2026-01-01"), 502, "LexGuard is not answering");
        assertErrorPage(get(admin, "/console/sharing/reviews/report/export"), 502, "LexGuard is not answering");
    }

    @Test
    void theBulkDecisionRefusesAMissingOrForeignCsrfTokenAndMalformedChoices() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        SignedInSessions.Session other = SignedInSessions.create(true, null);
        assertErrorPage(decide(admin, null, "keep", SHARE), 403, "This form has expired");
        assertErrorPage(decide(admin, other.csrf(), "revoke", SHARE), 403, "This form has expired");
        assertErrorPage(decide(admin, admin.csrf(), "keep"), 400, "Please check what you entered");
        assertErrorPage(decide(admin, admin.csrf(), "keep", SHARE, "not-a-share"), 404, "Not found");
        assertErrorPage(decide(admin, admin.csrf(), "delete", SHARE), 400, "Please check what you entered");
        assertErrorPage(decide(admin, admin.csrf(), null, SHARE), 400, "Please check what you entered");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, admin.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", admin.csrf()).formParam("decision", "revoke").formParam("share", SHARE)
                .formParam("note", "x".repeat(2001)).post("/console/sharing/reviews/decisions"), 400, "Please check what you entered");
        // with the session's own token and a well-formed choice the decision reaches sharing-service (not running here)
        assertErrorPage(decide(admin, admin.csrf(), "revoke", SHARE), 502, "LexGuard is not answering");
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("csrf", admin.csrf()).formParam("decision", "keep")
                .formParam("share", SHARE).post("/console/sharing/reviews/decisions").then().statusCode(401);
    }

    @Test
    void anExpiredOrMissingCookieLeadsToSignIn() throws Exception {
        SignedInSessions.Session idle = SignedInSessions.create(true, null, Duration.ofSeconds(-1));
        for (String page : List.of("/console/sharing", "/console/sharing/reviews", "/console/sharing/reviews/report",
                "/console/sharing/export", "/console/sharing/reviews/report/export")) {
            Response expired = get(idle, page);
            assertErrorPage(expired, 401, "Your session has ended");
            assertThat(expired.asString()).contains("href=\"/console/sign-in\"");
        }
        assertErrorPage(decide(idle, idle.csrf(), "keep", SHARE), 401, "Your session has ended");
        given().redirects().follow(false).get("/console/sharing").then().statusCode(303).header("Location", "/console/sign-in");
    }

    @Test
    void theReviewQueueAndTheReportRenderSharingServicesAnswersEscaped() {
        Instant now = Instant.now();
        JsonObject due = page(new JsonObject().put("id", SHARE).put("matterId", MATTER).put("contactName", "Casey <b>Client</b>")
                .put("title", "<script>alert(1)</script>").put("status", "active").put("review", "overdue")
                .put("nextReviewAt", "2026-10-01T09:00:00Z").put("expiresAt", "2027-05-31T00:00:00Z"));
        JsonObject matters = page(new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042"));
        SignedIn admin = new SignedIn("token", "the-csrf-token", UUID.randomUUID(), true, null);

        String queue = pages.reviewQueue(admin, ReviewQueueView.of(due, matters, 0, now), "2 shares kept.");
        assertThat(queue).contains("value=\"the-csrf-token\"", "name=\"share\" value=\"" + SHARE + "\"", "1 Oct 2026", "31 May 2027",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "Casey &lt;b&gt;Client&lt;/b&gt;", "2026-0042", "role=\"status\" id=\"review-outcome\"")
                .doesNotContain("<script>alert", "<input type=\"hidden\" name=\"within\"", "style=", "onclick");
        String empty = pages.reviewQueue(admin, ReviewQueueView.of(page(), matters, 7, now), null);
        assertThat(empty).contains("No share is due for review.").doesNotContain("name=\"decision\"");

        JsonObject report = new JsonObject().put("from", "2025-12-08T00:00:00Z").put("to", "2026-12-08T00:00:00Z")
                .put("counts", new JsonObject().put("keep", 0).put("revoke", 2).put("changeExpiry", 1))
                .put("decisions", new JsonArray().add(new JsonObject().put("reviewId", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
                        .put("decision", "revoke").put("title", "<img src=x>").put("decidedBy", "an-unknown-user")
                        .put("previousExpiresAt", "2027-05-31T00:00:00Z").put("expiresAt", "2026-12-01T00:00:00Z")));
        String evidence = pages.reviewReport(admin, ReviewReportView.of(report, page(), matters, ReviewPeriod.parse(null, null)));
        assertThat(evidence).contains("id=\"revoked\">2</dd>", "id=\"changed\">1</dd>", "&lt;img src=x&gt;", "an-unknown-user",
                "31 May 2027 → 1 Dec 2026", "href=\"/console/sharing/reviews/report/export\"").doesNotContain("<img");
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
