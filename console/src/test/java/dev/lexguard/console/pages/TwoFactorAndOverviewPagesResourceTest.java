package dev.lexguard.console.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.console.web.SecurityHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console itself decides on the second slice's pages, before or without the gateway: recovery codes are shown
 * once, the administrators' pages and links are not a non-administrator's, and the new forms carry the session's CSRF
 * token. (No gateway runs in these tests: a request that got past the console's own checks is answered 502.)
 */
@QuarkusTest
class TwoFactorAndOverviewPagesResourceTest {

    private static final String COOKIE = "lexguard_console";
    private static final String CODES = "7KQM-4XRT-9HVB-2NCD\nP3WZ-8JLE-5GYA-6SUF\nM2RD-Q9TK-4VXH-7BNC";

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    private static void assertErrorPage(Response response, int status, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.asString()).contains(title).contains("Reference:")
                .doesNotContain("Exception", "at dev.lexguard", "java.", "7KQM-4XRT-9HVB-2NCD");
        assertThat(response.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    @Test
    void recoveryCodesAreShownOnceAndNeverOnAReload() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, CODES);
        Response first = given().redirects().follow(false).cookie(COOKIE, session.cookie()).get("/console/two-factor/recovery-codes");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        assertThat(first.asString()).contains("<code>7KQM-4XRT-9HVB-2NCD</code>", "<code>P3WZ-8JLE-5GYA-6SUF</code>",
                "<code>M2RD-Q9TK-4VXH-7BNC</code>").doesNotContain("id=\"codes-gone\"");
        assertThat(SignedInSessions.recoveryCodesOf(session)).as("gone from the console's table once shown").isNull();

        Response reload = given().redirects().follow(false).cookie(COOKIE, session.cookie()).get("/console/two-factor/recovery-codes");
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.asString()).contains("id=\"codes-gone\"").doesNotContain("7KQM", "P3WZ", "M2RD");
    }

    @Test
    void anotherSessionsRecoveryCodesAreNotShown() throws Exception {
        SignedInSessions.Session theirs = SignedInSessions.create(false, CODES);
        SignedInSessions.Session mine = SignedInSessions.create(false, null);
        Response page = given().redirects().follow(false).cookie(COOKIE, mine.cookie()).get("/console/two-factor/recovery-codes");
        assertThat(page.asString()).contains("id=\"codes-gone\"").doesNotContain("7KQM");
        assertThat(SignedInSessions.recoveryCodesOf(theirs)).isEqualTo(CODES);
    }

    @Test
    void overviewAndFirmSessionsAreRefusedToANonAdministrator() throws Exception {
        SignedInSessions.Session member = SignedInSessions.create(false, null);
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, member.cookie()).get("/console/overview"), 403, "Not allowed");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, member.cookie()).get("/console/firm/sessions"), 403,
                "Not allowed");
        // an administrator gets past the console's own check to the API (which is not running here)
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, admin.cookie()).get("/console/overview"), 502,
                "LexGuard is not answering");
    }

    @Test
    void overviewWithoutASessionSendsToSignInOrGivesTheSessionPage() {
        given().redirects().follow(false).get("/console/overview").then().statusCode(303).header("Location", "/console/sign-in");
        given().redirects().follow(false).get("/console/two-factor").then().statusCode(303).header("Location", "/console/sign-in");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, "A".repeat(43)).get("/console/overview"), 401,
                "Your session has ended");
    }

    @Test
    void theNavigationShowsTheAdministratorsPagesOnlyToAnAdministrator() throws Exception {
        String member = given().cookie(COOKIE, SignedInSessions.create(false, null).cookie())
                .get("/console/two-factor/recovery-codes").asString();
        assertThat(member).contains("href=\"/console/sessions\"", "href=\"/console/two-factor\"")
                .doesNotContain("href=\"/console/firm/sessions\"").doesNotContain("href=\"/console/overview\"");
        String admin = given().cookie(COOKIE, SignedInSessions.create(true, null).cookie())
                .get("/console/two-factor/recovery-codes").asString();
        assertThat(admin).contains("href=\"/console/firm/sessions\"", "href=\"/console/overview\"");
    }

    @Test
    void theNewFormsRefuseAMissingOrForeignCsrfToken() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);
        SignedInSessions.Session other = SignedInSessions.create(false, null);
        for (String form : new String[] {"/console/two-factor/enrolment", "/console/two-factor/enrolment/confirm",
            "/console/two-factor/recovery-codes"}) {
            Response missing = given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                    .formParam("code", "123456").formParam("password", "x").post(form);
            assertErrorPage(missing, 403, "This form has expired");
            Response foreign = given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                    .formParam("csrf", other.csrf()).formParam("code", "123456").formParam("password", "x").post(form);
            assertErrorPage(foreign, 403, "This form has expired");
            // with the session's own token the form gets past the console to the API (not running here)
            Response own = given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                    .formParam("csrf", session.csrf()).formParam("code", "123456").formParam("password", "x").post(form);
            assertErrorPage(own, 502, "LexGuard is not answering");
        }
    }

    @Test
    void aMalformedConfirmationCodeIsNotSentToIdentity() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);
        Response letters = given().redirects().follow(false).cookie(COOKIE, session.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", session.csrf()).formParam("code", "12ab<script>").post("/console/two-factor/enrolment/confirm");
        // the page is re-rendered with identity's state, which needs the gateway: 502 here, but never the code echoed
        assertThat(letters.asString()).doesNotContain("<script>").doesNotContain("Exception");
    }
}
