package dev.lexguard.console.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.console.web.SecurityHeaders;
import io.restassured.response.Response;

/** What the page tests of slice three share: a page fetched with a session's cookie, and the clean error page. */
final class ErrorPages {

    static final String COOKIE = "lexguard_console";

    private ErrorPages() {
    }

    static Response get(SignedInSessions.Session session, String path) {
        return given().redirects().follow(false).cookie(COOKIE, session.cookie()).get(path);
    }

    static void assertErrorPage(Response response, int status, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.asString()).contains(title).contains("Reference:")
                .doesNotContain("Exception", "at dev.lexguard", "java.", "<script>alert");
        assertThat(response.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }
}
