package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.ErrorPages.COOKIE;
import static dev.lexguard.console.pages.ErrorPages.assertErrorPage;
import static dev.lexguard.console.pages.ErrorPages.get;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The feed's pages, live stream and exports against a real HTTP server playing the gateway ({@link FeedGateway}): the
 * browser's stream receives the gateway's entries, resumes with Last-Event-ID, ends when the gateway's stream ends and
 * closes the gateway's connection when the browser goes away; exports are passed on as they come, with their type and
 * a filename; and nothing reaches the gateway without a valid cookie.
 */
@QuarkusTest
@QuarkusTestResource(value = FeedGateway.class, restrictToAnnotatedClass = true)
class FeedRelayResourceTest {

    private static Vertx vertx;
    private static HttpClient browser;

    /** What a browser received: the answer's head, its body so far, when its first and last bytes came. */
    record Received(HttpClientResponse response, StringBuffer body, AtomicLong firstChunkAt, CompletableFuture<Long> endedAt) {

        int status() {
            return response.statusCode();
        }

        MultiMap headers() {
            return response.headers();
        }
    }

    @BeforeAll
    static void aBrowser() {
        vertx = Vertx.vertx();
        browser = vertx.createHttpClient();
    }

    @AfterAll
    static void closeTheBrowser() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void pathsAsTheBrowserSeesThem() {
        RestAssured.basePath = "";
    }

    private static Received open(String path, String cookie, String lastEventId) throws Exception {
        StringBuffer body = new StringBuffer();
        AtomicLong first = new AtomicLong();
        CompletableFuture<Long> ended = new CompletableFuture<>();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(RestAssured.port)
                .setURI(path);
        if (cookie != null) {
            options.putHeader("Cookie", COOKIE + "=" + cookie);
        }
        if (lastEventId != null) {
            options.putHeader("Last-Event-ID", lastEventId);
        }
        HttpClientResponse response = browser.request(options).compose(request -> request.send().onSuccess(answer -> {
            answer.handler(chunk -> {
                first.compareAndSet(0, System.nanoTime());
                body.append(chunk.toString());
            });
            answer.endHandler(end -> ended.complete(System.nanoTime()));
        })).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Received(response, body, first, ended);
    }

    @Test
    void theBrowsersStreamReceivesTheGatewaysEntriesAndItsEndClosesTheGatewaysConnection() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);
        int closedBefore = FeedGateway.CLOSED_STREAMS.get();

        Received stream = open("/console/feed/stream?category=matters&matter=" + FeedGateway.MATTER, session.cookie(), null);

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.headers().get("Content-Type")).startsWith("text/event-stream");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stream.body().toString())
                .contains("id: 42\nevent: entry\ndata: {", "id: 43\nevent: entry\ndata: {", "\"summary\":\"Matter 2026-0042 was changed"));
        assertThat(FeedGateway.REQUESTS).contains(
                "GET /api/v1/feed/stream?category=matters&matterId=" + FeedGateway.MATTER + " Last-Event-ID=null");
        assertThat(stream.body().toString()).doesNotContain("an-access-token");
        assertThat(stream.endedAt()).isNotDone();

        stream.response().request().connection().close();

        await().atMost(Duration.ofSeconds(10)).until(() -> FeedGateway.CLOSED_STREAMS.get() > closedBefore);
    }

    @Test
    void theStreamResumesAfterTheLastEventIdTheBrowserSends() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);

        Received resumed = open("/console/feed/stream", session.cookie(), "43");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(resumed.body().toString())
                .contains("id: 44\n", "id: 45\n").doesNotContain("id: 43\n"));
        resumed.response().request().connection().close();

        // the page resumes after an end with the last id in the URL (an EventSource cannot set the header)
        Received again = open("/console/feed/stream?lastEventId=45", session.cookie(), null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(again.body().toString()).contains("id: 46\n", "id: 47\n"));
        again.response().request().connection().close();
        assertThat(FeedGateway.REQUESTS).contains("GET /api/v1/feed/stream Last-Event-ID=43", "GET /api/v1/feed/stream Last-Event-ID=45");
    }

    @Test
    void whenTheGatewaysStreamEndsTheBrowsersEndsWithAnEndEvent() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(true, null);

        Received stream = open("/console/feed/stream?category=security", session.cookie(), null);

        stream.endedAt().get(10, TimeUnit.SECONDS);
        assertThat(stream.body().toString()).contains("id: 42\n", "id: 43\n").endsWith("event: end\ndata: ended\n\n");
    }

    @Test
    void aStreamOrExportWithoutAValidCookieIsTheErrorPageAndReachesNoGateway() throws Exception {
        int requests = FeedGateway.REQUESTS.size();

        Received none = open("/console/feed/stream", null, null);
        Received forged = open("/console/feed/stream", "forged-" + "a".repeat(40), null);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().get("Content-Type")).startsWith("text/html");
        assertThat(forged.status()).isEqualTo(401);
        none.endedAt().get(10, TimeUnit.SECONDS);
        assertThat(none.body().toString()).contains("Your session has ended", "Reference:").doesNotContain("event:");
        assertErrorPage(given().redirects().follow(false).get("/console/feed/stream"), 401, "Your session has ended");
        assertErrorPage(given().redirects().follow(false).get("/console/feed/export?format=csv&from=2026-11-01&to=2026-11-30"), 401,
                "Your session has ended");
        SignedInSessions.Session session = SignedInSessions.create(false, null);
        assertErrorPage(given().redirects().follow(false).cookie(COOKIE, session.cookie()).header("Last-Event-ID", "42; drop")
                .get("/console/feed/stream"), 400, "Please check what you entered");
        assertErrorPage(get(session, "/console/feed/stream?category=everything"), 400, "Please check what you entered");
        assertErrorPage(get(session, "/console/feed/export?format=xlsx&from=2026-11-01&to=2026-11-30"), 400, "Please check");
        assertErrorPage(get(session, "/console/feed/export?format=csv&from=2026-11-01"), 400, "Please check what you entered");
        assertThat(FeedGateway.REQUESTS).hasSize(requests);
    }

    @Test
    void anExportIsPassedOnAsItComesWithItsTypeAndAFilename() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);

        Received csv = open("/console/feed/export?format=csv&category=matters&from=2026-11-01&to=2026-11-30", session.cookie(), null);

        long end = csv.endedAt().get(20, TimeUnit.SECONDS);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("Content-Type")).isEqualTo("text/csv");
        assertThat(csv.headers().get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"lexguard-feed-2026-11-01-to-2026-11-30.csv\"");
        assertThat(csv.body().toString().split("\r\n")).hasSize(FeedGateway.EXPORT_ROWS + 1);
        // the first half reached the browser while the gateway paused before the second
        assertThat(Duration.ofNanos(end - csv.firstChunkAt().get())).isGreaterThan(Duration.ofMillis(FeedGateway.EXPORT_PAUSE_MILLIS - 300));
        assertThat(FeedGateway.REQUESTS).contains("GET /api/v1/feed/export/csv?category=matters&from=2026-11-01T00:00:00Z"
                + "&to=2026-12-01T00:00:00Z Last-Event-ID=null");

        Received ndjson = open("/console/feed/export?format=ndjson&from=2026-11-01&to=2026-11-01", session.cookie(), null);
        ndjson.endedAt().get(20, TimeUnit.SECONDS);
        assertThat(ndjson.headers().get("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(ndjson.headers().get("Content-Disposition")).contains("lexguard-feed-2026-11-01-to-2026-11-01.ndjson");
        assertThat(ndjson.body().toString().split("\n")).hasSize(FeedGateway.EXPORT_ROWS);
    }

    @Test
    void anExportTheFeedRefusesIsTheErrorPage() throws Exception {
        SignedInSessions.Session session = SignedInSessions.create(false, null);
        Response tooLarge = get(session, "/console/feed/export?format=csv&from=2020-01-01&to=2020-12-31");
        assertErrorPage(tooLarge, 422, "Too much for one export");
        assertThat(tooLarge.asString()).contains("shorter ranges");
    }

    @Test
    void theFeedPagesShowTheGatewaysEntriesEscapedAndAForeignMatterIsNotFound() throws Exception {
        SignedInSessions.Session member = SignedInSessions.create(false, null);

        Response firm = get(member, "/console/feed?category=matters");
        assertThat(firm.statusCode()).isEqualTo(200);
        assertThat(firm.asString()).contains("Matter 2026-0042 was changed &lt;script&gt;", "Ada &lt;b&gt;Okafor&lt;/b&gt;",
                "href=\"/console/feed?category=matters&amp;cursor=" + FeedGateway.CURSOR + "\"",
                "data-stream=\"/console/feed/stream?category=matters\"", "href=\"/console/matters/" + FeedGateway.MATTER + "/feed\"",
                "<option value=\"" + FeedGateway.MATTER + "\">2026-0042 Okafor v. Lane: custody</option>")
                .doesNotContain("<script>alert", "/console/feed/verify\"");

        Response matter = get(member, "/console/matters/" + FeedGateway.MATTER + "/feed");
        assertThat(matter.statusCode()).isEqualTo(200);
        assertThat(matter.asString()).contains("The feed of 2026-0042", "Okafor v. Lane: custody",
                "data-stream=\"/console/feed/stream?matter=" + FeedGateway.MATTER + "\"");

        // another firm's matter, or one the reader cannot open: feed-service's 404 is the console's
        assertErrorPage(get(member, "/console/matters/3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f/feed"), 404, "Not found");
    }

    @Test
    void theChainsVerificationIsShownToAnAdministratorOnly() throws Exception {
        int requests = FeedGateway.REQUESTS.size();
        assertErrorPage(get(SignedInSessions.create(false, null), "/console/feed/verify"), 403, "Not allowed");
        assertThat(FeedGateway.REQUESTS).hasSize(requests);

        Response admin = get(SignedInSessions.create(true, null), "/console/feed/verify");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.asString()).contains("Intact.", "42 entries", "9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c",
                "id=\"purged\">120 (positions 1 to 120)", "the administrator <code>442058c2-4ebc-4d5f-b217-134de6297199</code>");
    }
}
