package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.ErrorPages.COOKIE;
import static dev.lexguard.console.pages.ErrorPages.assertErrorPage;
import static dev.lexguard.console.pages.ErrorPages.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client portal's doors, as the console keeps them before the gateway: a contact's session reaches no firm page and
 * a firm user's no portal page, a contact's session is its own firm's portal only, malformed ids are the 404 page before
 * any call, every portal form carries the session's CSRF token, and a bad, idle or missing cookie never shows a share.
 * (No gateway runs in these tests: a request that got past the console's own checks is answered 502.)
 */
@QuarkusTest
class PortalPagesResourceTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    private static final UUID FIRM = UUID.fromString("0b6f4c1e-2d3a-4f5b-8c7d-9e0f1a2b3c4d");
    private static final UUID OTHER_FIRM = UUID.fromString("8ea38353-ed77-4daa-8076-5ff21bded11f");
    private static final String SHARE = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    private static final String MATTER = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

    /** Every page of the firm's console a browser can GET. */
    private static final List<String> FIRM_PAGES = List.of("/console/sessions", "/console/firm/sessions", "/console/two-factor",
            "/console/two-factor/recovery-codes", "/console/overview", "/console/people", "/console/sharing",
            "/console/sharing?matter=" + MATTER, "/console/matters/" + MATTER + "/access", "/console/sign-in",
            "/console/sign-in/two-factor");

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    private static Response post(SignedInSessions.Session session, String path, String csrf) {
        var request = given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC);
        if (csrf != null) {
            request.formParam("csrf", csrf);
        }
        return request.formParam("email", "casey@client.example").formParam("password", "amber kettle north meadow")
                .formParam("code", "492039").post(path);
    }

    private static String portal(UUID firm, String rest) {
        return "/console/portal/" + firm + rest;
    }

    @Test
    void aContactsSessionReachesNoFirmPage() throws Exception {
        SignedInSessions.Session contact = PortalSessions.contactOf(FIRM);
        for (String page : FIRM_PAGES) {
            assertErrorPage(get(contact, page), 403, "Not allowed");
        }
        for (String form : List.of("/console/sessions/end-others", "/console/sessions/" + SHARE + "/end",
                "/console/firm/sessions/" + SHARE + "/end", "/console/two-factor/enrolment", "/console/two-factor/enrolment/confirm",
                "/console/two-factor/recovery-codes", "/console/sharing/" + SHARE + "/extend", "/console/sign-in",
                "/console/sign-in/two-factor", "/console/sign-out")) {
            assertErrorPage(post(contact, form, contact.csrf()), 403, "Not allowed");
        }
        // refused, not ended: the contact's own portal still knows the session
        assertThat(PortalSessions.exists(contact)).isTrue();
    }

    @Test
    void aFirmUsersSessionReachesNoPortalPage() throws Exception {
        SignedInSessions.Session owner = SignedInSessions.create(true, null);
        for (String page : List.of("/shares", "/shares/" + SHARE, "/sign-in", "/sign-in/two-factor")) {
            assertErrorPage(get(owner, portal(FIRM, page)), 403, "Not allowed");
        }
        for (String form : List.of("/sign-in", "/sign-in/two-factor", "/sign-out")) {
            assertErrorPage(post(owner, portal(FIRM, form), owner.csrf()), 403, "Not allowed");
        }
        assertThat(PortalSessions.exists(owner)).isTrue();
    }

    @Test
    void aContactsSessionIsItsOwnFirmsPortalOnly() throws Exception {
        SignedInSessions.Session contact = PortalSessions.contactOf(FIRM);
        assertErrorPage(get(contact, portal(OTHER_FIRM, "/shares")), 404, "Not found");
        assertErrorPage(get(contact, portal(OTHER_FIRM, "/shares/" + SHARE)), 404, "Not found");
        assertErrorPage(post(contact, portal(OTHER_FIRM, "/sign-out"), contact.csrf()), 404, "Not found");
        // its own firm's list is sharing-service's to answer (not running here)
        assertErrorPage(get(contact, portal(FIRM, "/shares")), 502, "LexGuard is not answering");
        assertErrorPage(get(contact, portal(FIRM, "/shares/" + SHARE)), 502, "LexGuard is not answering");
    }

    @Test
    void malformedShareAndFirmIdsAreTheNotFoundPageBeforeAnyCall() throws Exception {
        SignedInSessions.Session contact = PortalSessions.contactOf(FIRM);
        assertErrorPage(get(contact, portal(FIRM, "/shares/not-a-share")), 404, "Not found");
        assertErrorPage(get(contact, portal(FIRM, "/shares/" + SHARE + "x")), 404, "Not found");
        assertErrorPage(get(contact, portal(FIRM, "/shares/%3Cscript%3Ealert(1)%3C%2Fscript%3E")), 404, "Not found");
        assertErrorPage(get(contact, "/console/portal/not-a-firm/shares"), 404, "Not found");
        assertErrorPage(given().redirects().follow(false).get("/console/portal/not-a-firm/sign-in"), 404, "Not found");
        assertErrorPage(given().redirects().follow(false).get("/console/portal/" + FIRM + "/no-such-page"), 404, "Not found");
    }

    @Test
    void everyPortalFormRefusesAMissingOrForeignCsrfToken() throws Exception {
        SignedInSessions.Session contact = PortalSessions.contactOf(FIRM);
        SignedInSessions.Session other = PortalSessions.contactOf(FIRM);
        assertErrorPage(post(contact, portal(FIRM, "/sign-out"), null), 403, "This form has expired");
        assertErrorPage(post(contact, portal(FIRM, "/sign-out"), other.csrf()), 403, "This form has expired");
        assertThat(PortalSessions.exists(contact)).isTrue();

        Response page = given().redirects().follow(false).get(portal(FIRM, "/sign-in"));
        String cookie = page.getCookie(COOKIE);
        SignedInSessions.Session anonymous = new SignedInSessions.Session(cookie, csrfOf(page));
        assertErrorPage(post(anonymous, portal(FIRM, "/sign-in"), null), 403, "This form has expired");
        assertErrorPage(post(anonymous, portal(FIRM, "/sign-in"), other.csrf()), 403, "This form has expired");
        // with its own token the form reaches identity's portal sign-in (not running here)
        assertErrorPage(post(anonymous, portal(FIRM, "/sign-in"), anonymous.csrf()), 502, "LexGuard is not answering");
    }

    @Test
    void signingOutEndsTheConsoleSessionEvenBeforeIdentityAnswers() throws Exception {
        SignedInSessions.Session contact = PortalSessions.contactOf(FIRM);
        // the console session ends first; identity's portal logout (not running here) is what answers 502
        assertErrorPage(post(contact, portal(FIRM, "/sign-out"), contact.csrf()), 502, "LexGuard is not answering");
        assertThat(PortalSessions.exists(contact)).isFalse();
        assertErrorPage(get(contact, portal(FIRM, "/shares")), 401, "Your session has ended");
    }

    @Test
    void aBadIdleOrMissingCookieShowsNoShare() throws Exception {
        Response forged = given().redirects().follow(false).cookie(COOKIE, "A".repeat(43)).get(portal(FIRM, "/shares"));
        assertErrorPage(forged, 401, "Your session has ended");
        // the error page sends a contact back to their firm's portal sign-in, never to the firm's console
        assertThat(forged.asString()).contains("href=\"/console/portal/" + FIRM + "/sign-in\"").doesNotContain("href=\"/console/sign-in\"");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, "not-a-cookie-of-ours").get(portal(FIRM, "/shares/" + SHARE)),
                401, "Your session has ended");
        // as short-lived as a firm user's: a session idle past its timeout is gone
        SignedInSessions.Session idle = PortalSessions.contactOf(FIRM, Duration.ofMinutes(5), Duration.ofSeconds(-1));
        assertErrorPage(get(idle, portal(FIRM, "/shares")), 401, "Your session has ended");
        assertThat(PortalSessions.exists(idle)).isFalse();
        // an anonymous portal session (the sign-in form's) reaches no share
        String anonymous = given().get(portal(FIRM, "/sign-in")).getCookie(COOKIE);
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, anonymous).get(portal(FIRM, "/shares")), 401,
                "Your session has ended");
        given().redirects().follow(false).get(portal(FIRM, "/shares")).then().statusCode(303)
                .header("Location", portal(FIRM, "/sign-in"));
    }

    @Test
    void thePortalSignInHasItsOwnPlainLayoutAndTheConsolesCookieRules() throws Exception {
        Response page = given().redirects().follow(false).get(portal(FIRM, "/sign-in"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Set-Cookie")).startsWith(COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/console").doesNotContain("Max-Age");
        String html = page.asString();
        assertThat(html).contains("action=\"/console/portal/" + FIRM + "/sign-in\"", "<label for=\"email\">", "<label for=\"password\">",
                "Client portal");
        assertThat(html).doesNotContain("/console/sessions", "/console/people", "/console/sharing", "action=\"/console/sign-out\"");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=").doesNotContainPattern(" on[a-z]+=");
        // the anonymous session is a contact's, of this firm: the firm's pages refuse it like any session not signed in
        assertThat(PortalSessions.kindOf(page.getCookie(COOKIE))).isEqualTo("contact " + FIRM);
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, page.getCookie(COOKIE)).get("/console/sessions"), 401,
                "Your session has ended");

        Response blank = given().redirects().follow(false).cookie(COOKIE, page.getCookie(COOKIE)).contentType(ContentType.URLENC)
                .formParam("csrf", csrfOf(page)).formParam("email", "").formParam("password", "").post(portal(FIRM, "/sign-in"));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.asString()).contains("Enter your email address and your password.");
        // no second step without identity's challenge
        given().redirects().follow(false).cookie(COOKIE, page.getCookie(COOKIE)).get(portal(FIRM, "/sign-in/two-factor")).then()
                .statusCode(303).header("Location", portal(FIRM, "/sign-in"));
    }

    private static String csrfOf(Response page) {
        Matcher csrf = CSRF.matcher(page.asString());
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
        return csrf.group(1);
    }
}
