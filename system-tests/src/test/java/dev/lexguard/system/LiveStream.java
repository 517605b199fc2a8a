package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** A live feed stream (server-sent events) held open by a reader, its lines kept as they come. */
final class LiveStream implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> ended;

    private LiveStream(URI uri, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "text/event-stream").build();
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        ended = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
    }

    /** Opens the stream and waits (at most 5 s) for its status and headers: 200 and {@code text/event-stream}. */
    static LiveStream open(URI uri, String accessToken) throws Exception {
        LiveStream stream = new LiveStream(uri, accessToken);
        HttpResponse<Stream<String>> head = stream.response.get(5, TimeUnit.SECONDS);
        assertThat(head.statusCode()).as("status of %s", uri).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        return stream;
    }

    /** The lines received so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many events ({@code data:} lines) so far name {@code text}. */
    long entriesNaming(String text) {
        return lines.stream().filter(l -> l.startsWith("data:") && l.contains(text)).count();
    }

    /** Waits until an event names each of {@code texts}. */
    void awaitAll(Collection<String> texts, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> texts.stream().allMatch(t -> entriesNaming(t) > 0));
    }

    /** Completes when the server ends the stream. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
