package dev.lexguard.console.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.console.web.SecurityHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backend-for-frontend's own defences, without a browser: the session cookie's flags, the CSRF token bound to the
 * session, the Content-Security-Policy, and one clean error page for a bad cookie, a missing token and an unknown page.
 */
@QuarkusTest
class ConsolePagesResourceTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
    private static final String COOKIE = "lexguard_console";

    record Form(String cookie, String csrf) {
    }

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        // Quarkus points REST Assured at the root path (/console); the tests spell out the paths a browser uses
        RestAssured.basePath = "";
    }

    private static Form signInForm() {
        Response page = given().redirects().follow(false).get("/console/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(page.asString());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        return new Form(page.getCookie(COOKIE), csrf.group(1));
    }

    private static void assertErrorPage(Response response, int status, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/html");
        String body = response.asString();
        assertThat(body).contains(title).contains("Reference:");
        assertThat(body).doesNotContain("Exception", "at dev.lexguard", "at io.", "java.", "Caused by");
        assertThat(response.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    @Test
    void sessionCookieIsHttpOnlyStrictAndScopedToTheConsole() {
        String setCookie = given().get("/console/sign-in").then().statusCode(200).extract().header("Set-Cookie");
        assertThat(setCookie).startsWith(COOKIE + "=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/console").doesNotContain("Max-Age").doesNotContain("Expires");
        // plain http is allowed only because this browser is on a loopback address and the test profile says so
        assertThat(setCookie).doesNotContain("Secure");
    }

    @Test
    void sessionCookieIsSecureForAnyBrowserNotOnLoopback() {
        String setCookie = given().header("X-Forwarded-Host", "console.lexguard.dev").get("/console/sign-in")
                .then().statusCode(200).extract().header("Set-Cookie");
        assertThat(setCookie).contains("Secure").containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        String viaHttps = given().header("X-Forwarded-Proto", "https").get("/console/sign-in")
                .then().statusCode(200).extract().header("Set-Cookie");
        assertThat(viaHttps).contains("Secure");
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicyAndPagesHaveNoInlineCode() {
        Response page = given().get("/console/sign-in");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        String html = page.asString();
        // htmx is configured in a meta tag (no inline script): no eval, no indicator styles, error pages swapped in, and
        // no copy of a page (sessions, CSRF tokens) in localStorage
        assertThat(html).contains("\"historyCacheSize\":0").contains("\"allowEval\":false").contains("\"includeIndicatorStyles\":false")
                .contains("{\"code\":\"...\",\"swap\":true}");
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=").doesNotContain("<style")
                .doesNotContainPattern(" on[a-z]+=");
        given().get("/console/static/console.css").then().statusCode(200)
                .header("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
        given().get("/console/webjars/htmx.org/2.0.4/dist/htmx.min.js").then().statusCode(200);
    }

    @Test
    void formWithoutCsrfTokenIsRefusedWithTheErrorPage() {
        Form form = signInForm();
        Response missing = given().redirects().follow(false).cookie(COOKIE, form.cookie()).contentType(ContentType.URLENC)
                .formParam("email", "olive@example.com").formParam("password", "x").post("/console/sign-in");
        assertErrorPage(missing, 403, "This form has expired");
        Response wrong = given().redirects().follow(false).cookie(COOKIE, form.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", form.csrf() + "x").formParam("email", "olive@example.com").formParam("password", "x")
                .post("/console/sign-in");
        assertErrorPage(wrong, 403, "This form has expired");
        // with its own token the same form passes the check (and is then checked for what it says)
        Response passes = given().redirects().follow(false).cookie(COOKIE, form.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", form.csrf()).formParam("email", "").formParam("password", "").post("/console/sign-in");
        assertThat(passes.statusCode()).isEqualTo(400);
        assertThat(passes.asString()).contains("Enter your email address and your password.");
    }

    @Test
    void csrfTokenOfOneSessionDoesNotWorkWithAnother() {
        Form mine = signInForm();
        Form theirs = signInForm();
        Response crossed = given().redirects().follow(false).cookie(COOKIE, mine.cookie()).contentType(ContentType.URLENC)
                .formParam("csrf", theirs.csrf()).formParam("email", "a@b.example").formParam("password", "x")
                .post("/console/sign-in");
        assertErrorPage(crossed, 403, "This form has expired");
    }

    @Test
    void badOrUnknownCookieGivesTheErrorPageNotAStackTrace() {
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, "not-a-cookie-of-ours").get("/console/sessions"),
                401, "Your session has ended");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, "A".repeat(43)).get("/console/firm/sessions"),
                401, "Your session has ended");
        // a session that never signed in reaches no page behind sign-in
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, signInForm().cookie()).get("/console/sessions"),
                401, "Your session has ended");
        Response post = given().redirects().follow(false).cookie(COOKIE, "A".repeat(43)).contentType(ContentType.URLENC)
                .formParam("csrf", "whatever").post("/console/sessions/end-others");
        assertErrorPage(post, 401, "Your session has ended");
    }

    @Test
    void withoutCookieThePagesSendToSignIn() {
        given().redirects().follow(false).get("/console/sessions").then().statusCode(303)
                .header("Location", "/console/sign-in");
    }

    @Test
    void unknownPageAndWrongMethodGiveTheErrorPage() {
        assertErrorPage(given().redirects().follow(false).get("/console/no-such-page"), 404, "Not found");
        Response wrongMethod = given().redirects().follow(false).delete("/console/sign-in");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.asString()).doesNotContain("Exception");
        Response garbage = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .body("%%%=%zz&csrf").post("/console/sign-in");
        assertErrorPage(garbage, 400, "Please check what you entered");
    }
}
