package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.revocation.RevocationFollower;
import dev.lexguard.gateway.testsupport.EventPublisher;
import dev.lexguard.gateway.testsupport.TestUpstreams;
import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-sent events through the gateway: the upstream's status and headers reach the client at once (not with the
 * first event), every chunk passes as it comes, and a stream whose session is revoked is closed within a second.
 */
@QuarkusTest
class EventStreamTest {

    private static final String SESSIONS = "lexguard.sessions.events";

    @TestHTTPResource("/api/v1/sessions/event-stream")
    URL stream;

    @Inject
    RevocationFollower follower;

    @BeforeEach
    void followerIsReadyAndTheGatewayWarm() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(follower::caughtUp);
        // the first request of a JVM pays for the signing keys and the upstream connection
        given().header("Authorization", "Bearer " + Tokens.user(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()))
                .get("/api/v1/sessions").then().statusCode(200);
    }

    /** A stream opened through the gateway; its lines are collected as they arrive. */
    private final class Opened implements AutoCloseable {
        final long startNanos = System.nanoTime();
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;
        final CompletableFuture<Void> ended;

        Opened(String token, long eventAfterMillis) {
            this(token, eventAfterMillis, HttpClient.Version.HTTP_1_1);
        }

        Opened(String token, long eventAfterMillis, HttpClient.Version version) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?eventAfter=" + eventAfterMillis))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
            response = HttpClient.newBuilder().version(version).build()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            // read on a thread of its own: a dependent of a completed future may otherwise run on the thread calling get()
            ended = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
        }

        long millisSinceOpened() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    @Test
    void theUpstreamsStatusAndHeadersArriveBeforeAnyEventAndEachEventAsItComes() throws Exception {
        UUID firm = UUID.randomUUID();
        try (Opened opened = new Opened(Tokens.user(firm, UUID.randomUUID(), UUID.randomUUID()), 4000)) {
            HttpResponse<Stream<String>> response = opened.response.get(10, TimeUnit.SECONDS);
            long headersAfter = opened.millisSinceOpened();
            assertThat(headersAfter).as("headers after %d ms, the first event comes after 4000 ms", headersAfter).isLessThan(2000);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            assertThat(response.headers().firstValue("X-Stream")).hasValue("opened");
            assertThat(opened.lines).isEmpty();
            assertThat(opened.lines.poll(10, TimeUnit.SECONDS)).isEqualTo("id: 1");
            assertThat(opened.millisSinceOpened()).isGreaterThanOrEqualTo(4000);
            assertThat(opened.lines.poll(1, TimeUnit.SECONDS)).isEqualTo("event: entry");
            assertThat(opened.lines.poll(1, TimeUnit.SECONDS)).isEqualTo("data: {\"n\":1}");
            assertThat(opened.ended).isNotDone();
        }
    }

    @Test
    void aProxiedStreamClosesWithinOneSecondOfItsSessionsRevocation() throws Exception {
        closedWithinOneSecondOfRevocation(HttpClient.Version.HTTP_1_1);
    }

    @Test
    void aProxiedStreamOverHttp2ClosesWithinOneSecondOfItsSessionsRevocation() throws Exception {
        closedWithinOneSecondOfRevocation(HttpClient.Version.HTTP_2);
    }

    /** The stream ends cleanly for the client (no cut connection), the upstream's side is closed, others live on. */
    private void closedWithinOneSecondOfRevocation(HttpClient.Version version) throws Exception {
        UUID firm = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        try (Opened revoked = new Opened(Tokens.user(firm, user, session), 60_000, version);
                Opened other = new Opened(Tokens.user(firm, user, UUID.randomUUID()), 60_000, version);
                EventPublisher events = new EventPublisher()) {
            assertThat(revoked.response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(other.response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            int open = TestUpstreams.openEventStreams();
            Instant acked = events.publish(SESSIONS, "dev.lexguard.sessions.session.revoked", firm, session.toString(),
                    Map.of("sessionId", session.toString(), "userId", user.toString(), "actorType", "user",
                            "reason", "ended_by_user", "revokedAt", Instant.now().toString()));
            revoked.ended.get(5, TimeUnit.SECONDS);
            Duration took = Duration.between(acked, Instant.now());
            assertThat(took).as("closed %s after the revocation was acknowledged", took).isLessThan(Duration.ofSeconds(1));
            // the upstream's side is closed too, and the other session's stream stays open
            Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> TestUpstreams.openEventStreams() == open - 1);
            Thread.sleep(500);
            assertThat(other.ended).isNotDone();
        }
    }
}
