package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.ErrorPages.assertErrorPage;
import static dev.lexguard.console.pages.ErrorPages.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.FeedChainView;
import dev.lexguard.console.web.FeedFilters;
import dev.lexguard.console.web.FeedView;
import dev.lexguard.console.web.Pages;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console itself decides on the feed pages, before the gateway (no gateway runs in these tests: a request that
 * got past the console's own checks is answered 502), and how the pages render feed-service's answers.
 */
@QuarkusTest
class FeedPagesResourceTest {

    private static final String MATTER = FeedGateway.MATTER;

    @Inject
    Pages pages;

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    @Test
    void theChainsVerificationIsRefusedToANonAdministratorBeforeAnyCall() throws Exception {
        assertErrorPage(get(SignedInSessions.create(false, null), "/console/feed/verify"), 403, "Not allowed");
        assertErrorPage(get(SignedInSessions.create(true, null), "/console/feed/verify"), 502, "LexGuard is not answering");
        assertErrorPage(given().redirects().follow(false).get("/console/feed/verify"), 401, "Your session has ended");
    }

    @Test
    void malformedMatterIdsFiltersAndCursorsAreErrorPagesBeforeAnyCall() throws Exception {
        SignedInSessions.Session member = SignedInSessions.create(false, null);
        assertErrorPage(get(member, "/console/matters/not-a-matter/feed"), 404, "Not found");
        assertErrorPage(get(member, "/console/matters/%3Cscript%3Ealert(1)%3C%2Fscript%3E/feed"), 404, "Not found");
        assertErrorPage(get(member, "/console/feed?matter=../../api/v1/users"), 404, "Not found");
        assertErrorPage(get(member, "/console/feed?category=everything"), 400, "Please check what you entered");
        assertErrorPage(get(member, "/console/feed?actor=robot"), 400, "Please check what you entered");
        assertErrorPage(get(member, "/console/feed?from=yesterday"), 400, "Please check what you entered");
        assertErrorPage(get(member, "/console/feed?cursor=abc%26limit%3D100000"), 400, "Please check what you entered");
        // well-formed: the feed is anyone's, feed-service decides what each reader sees (not running here)
        assertErrorPage(get(member, "/console/feed?category=security&from=2026-11-01"), 502, "LexGuard is not answering");
        assertErrorPage(get(member, "/console/matters/" + MATTER + "/feed"), 502, "LexGuard is not answering");
    }

    @Test
    void theFeedWithoutACookieGoesToSignInAndWithAForgedOneIsTheErrorPage() {
        given().redirects().follow(false).get("/console/feed").then().statusCode(303).header("Location", "/console/sign-in");
        assertErrorPage(given().redirects().follow(false).cookie(ErrorPages.COOKIE, "forged").get("/console/feed"), 401,
                "Your session has ended");
        assertErrorPage(given().redirects().follow(false).get("/console/matters/" + MATTER + "/feed"), 401, "Your session has ended");
    }

    @Test
    void theFeedPageHasTheNavigationTheExportFormAndTheVerifyLinkOnlyForAnAdministrator() {
        JsonObject page = new JsonObject().put("items", new JsonArray().add(new JsonObject(FeedGateway.ENTRY))).putNull("nextCursor");
        FeedView view = FeedView.firm(page, FeedFilters.parse(null, "matters", null, null, null, null), new JsonObject());

        String admin = pages.feed(new SignedIn("t", "the-csrf", UUID.randomUUID(), true, null), view);
        String member = pages.feed(new SignedIn("t", "the-csrf", UUID.randomUUID(), false, null), view);

        assertThat(member).contains("<a href=\"/console/feed\">Feed</a>", "action=\"/console/feed/export\" hx-boost=\"false\"",
                "<input type=\"hidden\" name=\"category\" value=\"matters\">", "<label for=\"export-from\">",
                "src=\"/console/static/feed-live.js\"", "id=\"feed-live\"", "Matter 2026-0042 was changed &lt;script&gt;")
                .doesNotContain("/console/feed/verify", "<script>alert", "style=", "onclick");
        assertThat(admin).contains("href=\"/console/feed/verify\"");

        String chain = pages.feedChain(new SignedIn("t", "c", UUID.randomUUID(), true, null), FeedChainView.of(new JsonObject("""
                {"valid":false,"from":1,"to":42,"checked":16,"anchor":{"seq":0,"hash":"0000000000000000000000000000000000000000000000000000000000000000"},"head":{"seq":42,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"firstBreak":{"seq":17,"entryId":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","reason":"missing","expectedHash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","storedHash":null}}""")));
        assertThat(chain).contains("Broken at position 17.", "An entry was deleted", "id=\"no-purge\"");
    }
}
