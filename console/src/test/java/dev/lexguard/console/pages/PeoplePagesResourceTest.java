package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.ErrorPages.COOKIE;
import static dev.lexguard.console.pages.ErrorPages.assertErrorPage;
import static dev.lexguard.console.pages.ErrorPages.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console itself decides on the people and matter-access pages, before the gateway: a matter's access is an
 * administrator's (as in the API), a malformed matter id is the 404 page, a day that is no date or has not come yet the
 * 400 page, while the groups page is anyone's of the firm (as in the API). (No gateway runs in these tests: a request
 * that got past the console's own checks is answered 502.)
 */
@QuarkusTest
class PeoplePagesResourceTest {

    private static final String MATTER = "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d";

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    @Test
    void aMattersAccessIsRefusedToANonAdministrator() throws Exception {
        SignedInSessions.Session member = SignedInSessions.create(false, null);
        assertErrorPage(get(member, "/console/matters/" + MATTER + "/access"), 403, "Not allowed");
        assertErrorPage(get(member, "/console/matters/" + MATTER + "/access?on=2026-11-01"), 403, "Not allowed");
        // an administrator gets past the console's own check to the API (which is not running here)
        assertErrorPage(get(SignedInSessions.create(true, null), "/console/matters/" + MATTER + "/access"), 502,
                "LexGuard is not answering");
    }

    @Test
    void aMalformedMatterIdIsTheNotFoundPage() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        for (String id : new String[] {"not-a-matter", "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5", "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5dz",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "1-1-1-1-1"}) {
            assertErrorPage(get(admin, "/console/matters/" + id + "/access"), 404, "Not found");
        }
    }

    @Test
    void aDayThatIsNoDateOrHasNotComeIsTheBadRequestPage() throws Exception {
        SignedInSessions.Session admin = SignedInSessions.create(true, null);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        for (String on : new String[] {"2026-13-45", "yesterday", "2026-11-01T09:00:00Z", "<script>alert(1)</script>", tomorrow}) {
            Response page = given().redirects().follow(false).cookie(COOKIE, admin.cookie()).queryParam("on", on)
                    .get("/console/matters/" + MATTER + "/access");
            assertErrorPage(page, 400, "Please check what you entered");
        }
        // a past day, and today, get past the console to the API
        for (String on : new String[] {"2026-11-01", LocalDate.now(ZoneOffset.UTC).toString()}) {
            Response page = given().redirects().follow(false).cookie(COOKIE, admin.cookie()).queryParam("on", on)
                    .get("/console/matters/" + MATTER + "/access");
            assertErrorPage(page, 502, "LexGuard is not answering");
        }
    }

    @Test
    void thePeoplePageIsEveryonesAsTheGroupsAreInTheApi() throws Exception {
        // groups and their members are anyone's of the firm to read in the API: the console asks it for both
        assertErrorPage(get(SignedInSessions.create(false, null), "/console/people"), 502, "LexGuard is not answering");
        assertErrorPage(get(SignedInSessions.create(true, null), "/console/people"), 502, "LexGuard is not answering");
        String member = given().cookie(COOKIE, SignedInSessions.create(false, null).cookie())
                .get("/console/two-factor/recovery-codes").asString();
        assertThat(member).contains("href=\"/console/people\"");
    }

    @Test
    void withoutASessionThePagesSendToSignInOrGiveTheSessionPage() {
        given().redirects().follow(false).get("/console/people").then().statusCode(303).header("Location", "/console/sign-in");
        given().redirects().follow(false).get("/console/matters/" + MATTER + "/access").then().statusCode(303)
                .header("Location", "/console/sign-in");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, "A".repeat(43)).get("/console/matters/" + MATTER + "/access"),
                401, "Your session has ended");
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, "A".repeat(43)).get("/console/people"), 401,
                "Your session has ended");
    }
}
