package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Story 6: an administrator opens the live feed of the firm's groups through the gateway (a filter the sign-up's own
 * entries do not match, so the firm is quiet). The status and headers arrive at once, a
 * quiet 40 seconds pass (longer than the gateway's 20 s idle timeout for the feed) on heartbeat comments alone, a
 * real entry arrives when a group is created, and when the session is ended elsewhere the stream closes within a
 * second. Real feed-service behind the real gateway, default heartbeat interval (15 s).
 */
@ExtendWith(TheSystem.class)
class FeedStreamStoryIT {

    @Test
    void theLiveFeedStaysOpenWhileQuietDeliversEntriesAndEndsWithItsSession() throws Exception {
        Firm firm = Firm.signUp("Story Six LLP");
        Map<String, String> streaming = Firm.login(firm.email("olive"), null);

        HttpRequest request = HttpRequest.newBuilder(TheSystem.gatewayUri().resolve("/api/v1/feed/stream?objectType=group"))
                .header("Authorization", "Bearer " + streaming.get("accessToken")).header("Accept", "text/event-stream").build();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        long opened = System.nanoTime();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> ended = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
        try {
            HttpResponse<Stream<String>> head = response.get(5, TimeUnit.SECONDS);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(Duration.ofSeconds(3));

            // 40 quiet seconds: the stream stays open on heartbeats alone
            Thread.sleep(40_000);
            assertThat(ended).as("the stream is still open after 40 quiet seconds").isNotDone();
            assertThat(lines.stream().filter(": keep-alive"::equals).count()).as("heartbeats in 40 s").isGreaterThanOrEqualTo(2);
            assertThat(lines.stream().filter(l -> l.startsWith("data:")).toList()).isEmpty();

            String group = TheSystem.as(firm.ownerToken()).body(Map.of("name", "Live group", "kind", "other"))
                    .post("/api/v1/groups").then().statusCode(201).extract().path("id");
            String entry = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (entry == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("data:") && line.contains(group)) {
                    entry = line;
                }
            }
            assertThat(entry).as("the group's entry on the stream").isNotNull().contains("dev.lexguard.permissions.group.created");

            // the owner ends the streaming session from their other session
            TheSystem.as(firm.ownerToken()).delete("/api/v1/sessions/" + streaming.get("sessionId")).then().statusCode(204);
            Instant revoked = Instant.now();
            ended.get(5, TimeUnit.SECONDS);
            assertThat(Duration.between(revoked, Instant.now())).as("the stream ended after the session did").isLessThan(Duration.ofSeconds(1));
        } finally {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }
}
