package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.Relays.param;

import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.web.FeedFilters;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The feed's two streams, relayed from the gateway to the browser under the session cookie (the browser never holds a
 * token): the live feed ({@code /console/feed/stream}, server-sent events) and the exports ({@code /console/feed/export},
 * CSV or NDJSON for a range of days). Both are Vert.x routes rather than JAX-RS methods so that the gateway's answer is
 * piped on chunk by chunk with back-pressure, never held in memory, and so that either side closing ends the other: the
 * browser going away closes the gateway's connection, the gateway ending the stream (the session ended, the token
 * expired) ends the browser's with an {@code end} event the page reports. A missing or bad cookie, a bad filter or a
 * refusal from the API before the first byte is the console's one error page, not a stream.
 */
@ApplicationScoped
public class FeedStreams {

    static final String EVENT_STREAM = "text/event-stream";
    /** The event the console adds when the gateway's stream ended: the page says so and tries once to resume. */
    static final String END_EVENT = "\n\nevent: end\ndata: ended\n\n";
    private static final Map<String, String> FORMATS = Map.of("csv", "text/csv", "ndjson", "application/x-ndjson");
    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");

    private final Relays relays;

    FeedStreams(Relays relays) {
        this.relays = relays;
    }

    void install(@Observes Router router) {
        router.get("/feed/stream").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::stream);
        router.get("/feed/export").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::export);
    }

    private void stream(RoutingContext ctx) {
        relays.signedIn(ctx, me -> {
            FeedFilters filters = FeedFilters.parse(param(ctx, "actor"), param(ctx, "category"), param(ctx, "matter"),
                    param(ctx, "from"), null, null);
            String lastEventId = lastEventId(ctx);
            String query = filters.rangeQuery();
            relays.open(ctx, me, "/api/v1/feed/stream" + (query.isEmpty() ? "" : "?" + query.substring(1)), EVENT_STREAM, lastEventId)
                    .onSuccess(upstream -> relay(ctx, upstream));
        });
    }

    private void relay(RoutingContext ctx, HttpClientResponse upstream) {
        if (upstream.statusCode() != 200) {
            relays.refused(ctx, upstream);
            return;
        }
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            // the browser left while the gateway answered
            upstream.request().reset();
            return;
        }
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", EVENT_STREAM + ";charset=UTF-8")
                .putHeader("X-Accel-Buffering", "no");
        // the browser goes away: so does the console's request to the gateway
        response.closeHandler(closed -> upstream.request().reset());
        upstream.handler(chunk -> {
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(drained -> upstream.resume());
            }
        });
        upstream.endHandler(ended -> endStream(response));
        upstream.exceptionHandler(failure -> endStream(response));
        // the headers go out now, so that the browser's EventSource opens before the first entry
        response.write(": connected\n\n");
        upstream.resume();
    }

    private static void endStream(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.end(END_EVENT);
        }
    }

    private void export(RoutingContext ctx) {
        relays.signedIn(ctx, me -> {
            String format = param(ctx, "format");
            String mediaType = format == null ? null : FORMATS.get(format);
            if (mediaType == null) {
                throw ConsoleProblem.badRequest("Choose CSV or NDJSON.");
            }
            FeedFilters filters = FeedFilters.parse(param(ctx, "actor"), param(ctx, "category"), param(ctx, "matter"),
                    param(ctx, "from"), param(ctx, "to"), null);
            if (filters.from() == null || filters.to() == null) {
                throw ConsoleProblem.badRequest("An export needs its first and its last day.");
            }
            String filename = "lexguard-feed-" + filters.from() + "-to-" + filters.to() + "." + format;
            relays.download(ctx, me, "/api/v1/feed/export/" + format + "?" + filters.rangeQuery().substring(1), mediaType, filename);
        });
    }

    /** Where to resume: the browser's Last-Event-ID, or the page's own after an end (EventSource cannot set the header). */
    private static String lastEventId(RoutingContext ctx) {
        String header = ctx.request().getHeader("Last-Event-ID");
        String id = header == null || header.isBlank() ? param(ctx, "lastEventId") : header.strip();
        if (id == null) {
            return null;
        }
        if (!EVENT_ID.matcher(id).matches()) {
            throw ConsoleProblem.badRequest("The stream cannot resume from there: reload the page.");
        }
        return id;
    }
}
