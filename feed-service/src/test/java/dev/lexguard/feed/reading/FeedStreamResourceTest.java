package dev.lexguard.feed.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.FeedDb;
import dev.lexguard.feed.Fixtures;
import dev.lexguard.feed.Fixtures.TestFirm;
import dev.lexguard.feed.Tokens;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The live feed: server-sent events with the feed's visibility, resumable with Last-Event-ID. */
@QuarkusTest
class FeedStreamResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/feed/stream")
    URL stream;

    /** An SSE event as received: its id and its data. */
    record Received(String id, JsonNode data) {
    }

    /** Opens the stream and collects its events on a thread of the HTTP client. */
    private final class Subscription implements AutoCloseable {
        final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;
        final CompletableFuture<Void> ended;

        Subscription(TestFirm firm, UUID reader, String query, Long lastEventId) {
            this(Tokens.user(firm.firmId(), reader), query, lastEventId);
        }

        Subscription(String token, String query, Long lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stream + (query == null ? "" : "?" + query)))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId.toString());
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            // read on a thread of its own: a dependent of a completed future may otherwise run on the thread calling get()
            ended = response.thenAcceptAsync(r -> {
                String[] id = {null};
                r.body().forEach(line -> {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id:")) {
                        id[0] = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        try {
                            events.add(new Received(id[0], JSON.readTree(line.substring(5).trim())));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            });
        }

        Received next() throws InterruptedException {
            Received received = events.poll(30, TimeUnit.SECONDS);
            assertThat(received).as("an event within 30 s").isNotNull();
            return received;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    private static long head(TestFirm firm) {
        return FeedDb.count("select last_seq from feed_chain where firm_id = ?", firm.firmId());
    }

    private static CloudEvent note(TestFirm firm, UUID matter, String id) {
        return Events.send(Events.activity(firm.firmId(), firm.ownerId(), "note", "added", matter, Instant.now(), Map.of("noteId", id)));
    }

    @Test
    void theStreamDeliversANewEntry() throws Exception {
        TestFirm firm = Fixtures.firm();
        try (Subscription subscription = new Subscription(firm, firm.ownerId(), null, head(firm))) {
            CloudEvent note = note(firm, null, "live-1");
            Received received = subscription.next();
            assertThat(received.data().path("id").asText()).isEqualTo(note.id().toString());
            assertThat(received.data().path("summary").asText()).isEqualTo("Note added (event dev.lexguard.activity.note.added)");
            assertThat(received.id()).isEqualTo(Long.toString(FeedDb.seq(note)));
        }
    }

    @Test
    void lastEventIdResumesAfterTheLastEntryReceivedWithTheSameVisibilityAndFilters() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID bea = Fixtures.user(firm, "Bea Associate");
        UUID hidden = Fixtures.restrictedMatter(firm, "2026-0800", List.of(UUID.randomUUID()), List.of(), List.of());
        CloudEvent first = Fixtures.await(note(firm, null, "n-1"));
        CloudEvent secret = Fixtures.await(note(firm, hidden, "n-2"));
        CloudEvent missed = Fixtures.await(note(firm, null, "n-3"));
        Fixtures.await(Events.send(Events.activity(firm.firmId(), firm.ownerId(), "bill", "sent", null, Instant.now(), Map.of("billId", "b-1"))));
        try (Subscription subscription = new Subscription(firm, bea, "objectType=note", FeedDb.seq(first))) {
            Received replayed = subscription.next();
            assertThat(replayed.data().path("id").asText()).isEqualTo(missed.id().toString());
            CloudEvent live = note(firm, null, "n-4");
            Received next = subscription.next();
            assertThat(next.data().path("id").asText()).isEqualTo(live.id().toString());
            assertThat(subscription.events.poll(1, TimeUnit.SECONDS)).isNull();
        }
        assertThat(secret).isNotNull();
    }

    @Test
    void theStreamEndsWhenTheTokenThatOpenedItExpires() throws Exception {
        TestFirm firm = Fixtures.firm();
        String shortLived = Tokens.claims(firm.firmId(), firm.ownerId(), "lexguard-api")
                .expiresAt(Instant.now().plusSeconds(3)).jws().keyId("test-key").sign();
        try (Subscription subscription = new Subscription(shortLived, null, 0L)) {
            assertThat(subscription.next().id()).isEqualTo("1");
            subscription.ended.get(20, TimeUnit.SECONDS);
            assertThat(subscription.ended).isCompleted();
        }
    }

    @Test
    void aQuietStreamCarriesAKeepAliveCommentAtTheConfiguredInterval() throws Exception {
        TestFirm firm = Fixtures.quietFirm();
        try (Subscription subscription = new Subscription(firm, firm.ownerId(), null, null)) {
            HttpResponse<Stream<String>> response = subscription.response.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            // the test profile sends one every second (the default is 15 s)
            assertThat(subscription.comments.poll(5, TimeUnit.SECONDS)).isEqualTo(": keep-alive");
            assertThat(subscription.comments.poll(5, TimeUnit.SECONDS)).isEqualTo(": keep-alive");
            assertThat(subscription.events).isEmpty();
            assertThat(subscription.ended).isNotDone();
        }
    }

    @Test
    void theStreamEndsWithinASecondOfItsSessionsRevocationNotAtTokenExpiry() throws Exception {
        TestFirm firm = Fixtures.quietFirm();
        UUID sessionId = UUID.randomUUID();
        String token = Tokens.claims(firm.firmId(), firm.ownerId(), "lexguard-api").claim("sid", sessionId.toString())
                .jws().keyId("test-key").sign();
        // another session of the same user keeps its stream
        try (Subscription revoked = new Subscription(token, null, null);
                Subscription other = new Subscription(firm, firm.ownerId(), null, null)) {
            assertThat(revoked.comments.poll(10, TimeUnit.SECONDS)).as("the stream is open").isNotNull();
            assertThat(other.comments.poll(10, TimeUnit.SECONDS)).isNotNull();
            Events.send(Events.event("dev.lexguard.sessions.session.revoked", firm.firmId(), sessionId.toString(),
                    firm.ownerId().toString(), ActorType.USER, null, Instant.now(), Map.of("sessionId", sessionId.toString(),
                            "userId", firm.ownerId().toString(), "actorType", "user", "reason", "ended_by_user",
                            "revokedAt", Instant.now().toString())));
            long sent = System.nanoTime();
            revoked.ended.get(5, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - sent) / 1_000_000;
            assertThat(tookMillis).as("the stream ended %d ms after the revocation was published", tookMillis).isLessThan(1000);
            other.comments.clear();
            assertThat(other.comments.poll(5, TimeUnit.SECONDS)).as("the other session's stream lives on").isNotNull();
            assertThat(other.ended).isNotDone();
        }
        // a stream opened with the ended session's token ends at once
        try (Subscription again = new Subscription(token, null, null)) {
            again.ended.get(5, TimeUnit.SECONDS);
            assertThat(again.events).isEmpty();
        }
    }

    @Test
    void aWatermarkEndsTheStreamOfASessionSteppedUpAfterIt() throws Exception {
        TestFirm firm = Fixtures.quietFirm();
        long signedIn = Instant.now().minusSeconds(7200).getEpochSecond();
        // stepped up a moment ago: auth_time is after the watermark, the session's sign-in long before it
        String token = Tokens.claims(firm.firmId(), firm.ownerId(), "lexguard-api").claim("session_start", signedIn)
                .claim("auth_time", Instant.now().getEpochSecond()).jws().keyId("test-key").sign();
        try (Subscription stream = new Subscription(token, null, null)) {
            assertThat(stream.comments.poll(10, TimeUnit.SECONDS)).as("the stream is open").isNotNull();
            Events.send(Events.event("dev.lexguard.sessions.watermark.raised", firm.firmId(), firm.ownerId().toString(),
                    firm.ownerId().toString(), ActorType.USER, null, Instant.now(), Map.of("scope", "user",
                            "userId", firm.ownerId().toString(), "actorType", "user", "reason", "all_sessions_ended",
                            "revokedBefore", Instant.now().minusSeconds(60).toString())));
            stream.ended.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBadLastEventIdOrFilterIsAProblem() {
        TestFirm firm = Fixtures.firm();
        firm.asOwner().header("Last-Event-ID", "yesterday").get("/api/v1/feed/stream").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("Last-Event-ID"));
        firm.asOwner().queryParam("category", "nope").get("/api/v1/feed/stream").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aGroupFilterOrTheSavedDefaultNarrowsTheStreamAndAllTurnsTheDefaultOff() throws Exception {
        TestFirm firm = Fixtures.firm();
        UUID family = Fixtures.group(firm, "Family law");
        UUID tax = Fixtures.group(firm, "Tax");
        UUID familyMatter = Fixtures.restrictedMatter(firm, "F-1", List.of(family), List.of(), List.of());
        UUID taxMatter = Fixtures.restrictedMatter(firm, "T-1", List.of(tax), List.of(), List.of());
        try (Subscription named = new Subscription(firm, firm.ownerId(), "group=" + family, head(firm))) {
            Fixtures.await(note(firm, taxMatter, "tax-1"));
            CloudEvent shown = note(firm, familyMatter, "family-1");
            assertThat(named.next().data().path("id").asText()).isEqualTo(shown.id().toString());
        }
        Fixtures.defaultFilter(firm, firm.ownerId(), tax.toString());
        long head = head(firm);
        try (Subscription defaulted = new Subscription(firm, firm.ownerId(), null, head);
                Subscription all = new Subscription(firm, firm.ownerId(), "group=all", head)) {
            CloudEvent familyNote = Fixtures.await(note(firm, familyMatter, "family-2"));
            CloudEvent taxNote = Fixtures.await(note(firm, taxMatter, "tax-2"));
            assertThat(defaulted.next().data().path("id").asText()).isEqualTo(taxNote.id().toString());
            assertThat(all.next().data().path("id").asText()).isEqualTo(familyNote.id().toString());
            assertThat(all.next().data().path("id").asText()).isEqualTo(taxNote.id().toString());
            assertThat(defaulted.events.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void resumingFromZeroReplaysTheWholeFeedInArrivalOrder() throws Exception {
        TestFirm firm = Fixtures.firm();
        try (Subscription subscription = new Subscription(firm, firm.ownerId(), null, 0L)) {
            assertThat(subscription.next().id()).isEqualTo("1");
            assertThat(subscription.next().id()).isEqualTo("2");
        }
    }
}
