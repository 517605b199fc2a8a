package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

        long opened = System.nanoTime();
        try (LiveStream stream = LiveStream.open(TheSystem.gatewayUri().resolve("/api/v1/feed/stream?objectType=group"),
                streaming.get("accessToken"))) {
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(Duration.ofSeconds(3));

            // 40 quiet seconds: the stream stays open on heartbeats alone
            Thread.sleep(40_000);
            assertThat(stream.ended()).as("the stream is still open after 40 quiet seconds").isNotDone();
            assertThat(stream.lines().stream().filter(": keep-alive"::equals).count()).as("heartbeats in 40 s").isGreaterThanOrEqualTo(2);
            assertThat(stream.lines().stream().filter(l -> l.startsWith("data:")).toList()).isEmpty();

            String group = TheSystem.as(firm.ownerToken()).body(Map.of("name", "Live group", "kind", "other"))
                    .post("/api/v1/groups").then().statusCode(201).extract().path("id");
            stream.awaitAll(List.of(group), Duration.ofSeconds(15));
            assertThat(stream.lines()).as("the group's entry on the stream")
                    .anySatisfy(line -> assertThat(line).startsWith("data:").contains(group).contains("dev.lexguard.permissions.group.created"));

            // the owner ends the streaming session from their other session
            TheSystem.as(firm.ownerToken()).delete("/api/v1/sessions/" + streaming.get("sessionId")).then().statusCode(204);
            Instant revoked = Instant.now();
            stream.ended().get(5, TimeUnit.SECONDS);
            assertThat(Duration.between(revoked, Instant.now())).as("the stream ended after the session did").isLessThan(Duration.ofSeconds(1));
        }
    }
}
