package dev.lexguard.gateway.routing;

import dev.lexguard.gateway.observability.GatewayMetrics;
import dev.lexguard.gateway.revocation.RevocationList;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.Pipe;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Streams one request to its upstream and the upstream's answer back, on the event loop that read the request
 * (each loop has its own connections to each upstream, see {@link Upstream}). Built directly on Vert.x's HTTP
 * client and server streams (pipes with back-pressure; only answers of known length up to 64 KB are read whole
 * before they are written, and an HTTP/1.0 client's answer of unknown length): the gateway used vertx-http-proxy before, which copies every header into intermediate maps
 * twice per direction, re-formats the {@code Date} header, and (with Vert.x's circuit breaker) queued several
 * extra tasks per request; this path does one copy per direction.
 *
 * <p>Headers: hop-by-hop headers (RFC 9110 7.6.1, including those the request's {@code Connection} names) and
 * {@code Host} are not forwarded; the upstream sees its own authority and the client's in {@code X-Forwarded-Host}.
 * Headers only the gateway may set were dropped from the request before (see {@link GatewayRoutes}).
 *
 * <p>Failures become problem+json answers while nothing has been sent yet: 502 unreachable, 503 circuit open,
 * 504 too slow, 413 a chunked body over the route's limit. A connection that cannot be made is retried once for
 * an idempotent method; with several instances, on the next instance for any method (nothing was sent). An upstream's own 502/503/504 counts against its circuit breaker and is passed on.
 * Once the answer is streaming, a failure on either side resets the other (the client sees a cut connection,
 * never a truncated body presented as complete).
 */
final class Forwarder {

    /** Headers that describe one hop, not the message: never passed on in either direction. */
    private static final MultiMap HOP_BY_HOP = caseInsensitive(List.of("connection", "keep-alive",
            "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding",
            "upgrade"));
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);
    /** An HTTP/1.0 client cannot take a chunked answer: one of unknown length is collected first, up to this. */
    private static final long HTTP10_BUFFER_LIMIT = 16L * 1024 * 1024;
    /** Answers up to this size with a known length are read whole and written at once; larger ones stream. */
    private static final long SMALL_ANSWER = 64 * 1024;
    private static final CharSequence X_FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence X_FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    private static final CharSequence X_FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence TRACEPARENT = HttpHeaders.createOptimized("traceparent");

    private final GatewayMetrics metrics;
    private final OpenStreams streams;
    private final RevocationList revocations;

    Forwarder(GatewayMetrics metrics, OpenStreams streams, RevocationList revocations) {
        this.metrics = metrics;
        this.streams = streams;
        this.revocations = revocations;
    }

    /**
     * What the gateway adds to a forwarded request. {@code traceparent}: a new trace's, replacing the client's; null keeps
     * the client's. {@code traced}: the request is a span of the gateway's, and Vert.x's tracer writes the forwarding's
     * own W3C context upstream, so neither the client's trace headers nor {@code traceparent} are copied.
     */
    record Added(String clientIp, String proto, String host, String traceparent, boolean traced) {

        boolean replacesTraceHeaders() {
            return traced || traceparent != null;
        }
    }

    /** What the client's request carries, worked out once when it is forwarded. */
    enum RequestBody {
        NONE, KNOWN_LENGTH, UNKNOWN_LENGTH;

        static RequestBody of(HttpServerRequest request) {
            String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null) {
                return "0".equals(length) ? NONE : KNOWN_LENGTH;
            }
            // chunked, or an HTTP/2 body without Content-Length
            boolean unknown = request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                    || (request.version() == HttpVersion.HTTP_2 && !request.isEnded());
            return unknown ? UNKNOWN_LENGTH : NONE;
        }
    }

    void forward(RoutingContext ctx, Exchange exchange, Upstream upstream, Added added, long maxBody, long timeout) {
        HttpServerRequest request = ctx.request();
        exchange.requestBody = RequestBody.of(request);
        UpstreamBreaker breaker = upstream.breaker();
        if (!breaker.tryAcquire()) {
            fail(ctx, exchange, upstream, 503, "circuit-open");
            return;
        }
        Outcome outcome = new Outcome(breaker);
        connect(request, upstream, upstream.next(), timeout, IDEMPOTENT.contains(request.method()), new ArrayList<>(2))
                .onComplete(connected -> {
            if (connected.failed()) {
                failure(ctx, exchange, upstream, outcome, connected.cause());
                return;
            }
            HttpClientRequest upstreamRequest = connected.result();
            HttpServerResponse response = request.response();
            if (response.closed()) {
                // the client went away while the token was checked or the connection made
                upstreamRequest.reset();
                outcome.released();
                return;
            }
            copyRequestHeaders(request.headers(), upstreamRequest.headers(), added);
            // a client that goes away before its answer is complete cancels the upstream request (the routing
            // context's end handlers see the close; the response's own close handler is theirs)
            ctx.addEndHandler(ended -> {
                if (ended.failed()) {
                    upstreamRequest.reset();
                }
            });
            upstreamRequest.response().onComplete(answered -> {
                if (answered.failed()) {
                    failure(ctx, exchange, upstream, outcome, answered.cause());
                    return;
                }
                HttpClientResponse upstreamResponse = answered.result();
                int status = upstreamResponse.statusCode();
                if (status == 502 || status == 503 || status == 504) {
                    outcome.failed();
                } else {
                    outcome.succeeded();
                }
                if (exchange.endsOwnSession && status >= 200 && status < 300) {
                    // before the answer reaches the client: its next request with this token is refused here,
                    // whatever Kafka's delay (other gateway replicas learn it from identity's session.ended)
                    revocations.sessionEnded(exchange.token.sessionId(), Instant.now());
                }
                answer(ctx, response, upstreamResponse, upstreamRequest, exchange);
            });
            sendBody(request, upstreamRequest, exchange, maxBody);
        });
    }

    /**
     * A connection to {@code instance} and a request on it. A connection that cannot be made means nothing was sent:
     * with one instance, an idempotent request tries it once more (as the gateway always did); with several, the
     * instance is marked down and the request, whatever its method, goes to the next instance not tried yet.
     */
    private Future<HttpClientRequest> connect(HttpServerRequest request, Upstream upstream, UpstreamInstance instance,
            long timeout, boolean idempotent, List<UpstreamInstance> tried) {
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setURI(request.uri())
                .setHost(instance.host())
                .setPort(instance.port())
                .setSsl(upstream.ssl())
                .setConnectTimeout(upstream.connectTimeoutMillis())
                .setIdleTimeout(timeout);
        return upstream.client().request(options).recover(failure -> {
            tried.add(instance);
            if (upstream.instanceCount() == 1) {
                if (idempotent && tried.size() == 1) {
                    metrics.retry(upstream.name());
                    return connect(request, upstream, instance, timeout, true, tried);
                }
                return Future.failedFuture(failure);
            }
            instance.markDown();
            UpstreamInstance other = upstream.after(tried);
            if (other == null) {
                return Future.failedFuture(failure);
            }
            Log.debugf("%s instance %s:%d refused a connection; trying %s:%d", upstream.name(), instance.host(),
                    instance.port(), other.host(), other.port());
            metrics.retry(upstream.name());
            return connect(request, upstream, other, timeout, idempotent, tried);
        });
    }

    private static void copyRequestHeaders(MultiMap from, MultiMap to, Added added) {
        MultiMap listed = connectionOptions(from.get(HttpHeaderNames.CONNECTION));
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (HOP_BY_HOP.contains(name) || HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)
                    || (listed != null && listed.contains(name))
                    || (added.replacesTraceHeaders()
                            && ("tracestate".equalsIgnoreCase(name) || "traceparent".equalsIgnoreCase(name)))) {
                continue;
            }
            to.add(name, header.getValue());
        }
        to.set(X_FORWARDED_FOR, added.clientIp());
        to.set(X_FORWARDED_PROTO, added.proto());
        if (added.host() != null) {
            to.set(X_FORWARDED_HOST, added.host());
        }
        if (added.traceparent() != null && !added.traced()) {
            to.set(TRACEPARENT, added.traceparent());
        }
    }

    /**
     * The headers a {@code Connection} header names as hop-by-hop (its usual {@code keep-alive} / {@code close}
     * are hop-by-hop anyway), or null when it names none: parsed once per request, not once per header.
     */
    private static MultiMap connectionOptions(String connection) {
        if (connection == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String token : connection.split(",")) {
            String name = token.trim();
            if (!name.isEmpty() && !HOP_BY_HOP.contains(name) && !"close".equalsIgnoreCase(name)) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : caseInsensitive(names);
    }

    private static void sendBody(HttpServerRequest request, HttpClientRequest upstreamRequest, Exchange exchange,
            long maxBody) {
        if (exchange.requestBody == RequestBody.NONE) {
            upstreamRequest.end();
            request.resume();
            return;
        }
        ReadStream<Buffer> body = request;
        if (exchange.requestBody == RequestBody.UNKNOWN_LENGTH) {
            // a body of unknown length is counted as it arrives and cut off at the route's limit
            upstreamRequest.setChunked(true);
            body = new LimitedReadStream(request, maxBody, () -> exchange.bodyTooLarge = true);
        }
        Pipe<Buffer> pipe = body.pipe();
        pipe.endOnSuccess(true);
        pipe.endOnFailure(false);
        pipe.to(upstreamRequest).onFailure(failure -> upstreamRequest.reset(0L, failure));
    }

    private void answer(RoutingContext ctx, HttpServerResponse response,
            HttpClientResponse upstreamResponse, HttpClientRequest upstreamRequest, Exchange exchange) {
        HttpServerRequest request = ctx.request();
        if (response.ended() || response.closed()) {
            upstreamRequest.reset();
            return;
        }
        response.setStatusCode(upstreamResponse.statusCode());
        MultiMap headers = response.headers();
        for (Map.Entry<String, String> header : upstreamResponse.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        long length = contentLength(upstreamResponse);
        boolean knownLength = length >= 0;
        if (knownLength && length <= SMALL_ANSWER && request.method() != HttpMethod.HEAD) {
            // most API answers: read whole (their length is known and small), then written in one go, as nginx's
            // proxy buffering does; a pipe would write the head with the first chunk and the end separately
            upstreamResponse.body().onComplete(body -> {
                if (body.failed()) {
                    upstreamRequest.reset();
                    response.reset();
                } else if (!response.closed()) {
                    response.end(body.result());
                }
            });
            return;
        }
        if (!knownLength && isEventStream(upstreamResponse) && request.method() != HttpMethod.HEAD
                && request.version() != HttpVersion.HTTP_1_0) {
            answerStream(ctx, response, upstreamResponse, upstreamRequest, exchange);
            return;
        }
        if (!knownLength && request.version() == HttpVersion.HTTP_1_0 && request.method() != HttpMethod.HEAD) {
            answerCollected(response, upstreamResponse, upstreamRequest);
            return;
        }
        if (!knownLength && request.method() != HttpMethod.HEAD && hasBody(upstreamResponse.statusCode())) {
            response.setChunked(true);
        }
        Pipe<Buffer> pipe = upstreamResponse.pipe();
        pipe.endOnSuccess(true);
        pipe.endOnFailure(false);
        pipe.to(response).onFailure(failure -> {
            upstreamRequest.reset();
            response.reset();
        });
    }

    /**
     * A stream of server-sent events: the status and headers go out at once (a quiet stream would otherwise show the
     * client nothing until its first event, the pipe writing the head with the first chunk), each chunk as it arrives,
     * and the stream is closed (ended for the client, reset upstream) as soon as the token that opened it is revoked.
     */
    private void answerStream(RoutingContext ctx, HttpServerResponse response, HttpClientResponse upstreamResponse,
            HttpClientRequest upstreamRequest, Exchange exchange) {
        response.setChunked(true);
        Pipe<Buffer> pipe = upstreamResponse.pipe();
        pipe.endOnSuccess(true);
        pipe.endOnFailure(false);
        Object key = new Object();
        boolean[] revoked = {false};
        if (exchange.token != null) {
            streams.opened(key, exchange.token, () -> {
                // a clean end for the client (the last chunk), a cut for the upstream
                revoked[0] = true;
                exchange.outcome = "stream-revoked";
                pipe.close();
                upstreamRequest.reset();
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            });
            ctx.addEndHandler(ended -> streams.closed(key));
        }
        response.writeHead();
        pipe.to(response).onFailure(failure -> {
            streams.closed(key);
            if (!revoked[0]) {
                upstreamRequest.reset();
                response.reset();
            }
        });
    }

    private static boolean isEventStream(HttpClientResponse upstreamResponse) {
        String type = upstreamResponse.getHeader(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length());
    }

    /** An HTTP/1.0 client's answer of unknown length: collected, then sent with its length. */
    private static void answerCollected(HttpServerResponse response, HttpClientResponse upstreamResponse,
            HttpClientRequest upstreamRequest) {
        Buffer collected = Buffer.buffer();
        upstreamResponse.handler(chunk -> {
            if (collected.length() + chunk.length() > HTTP10_BUFFER_LIMIT) {
                upstreamRequest.reset();
                response.reset();
                return;
            }
            collected.appendBuffer(chunk);
        });
        upstreamResponse.exceptionHandler(error -> response.reset());
        upstreamResponse.endHandler(done -> {
            if (!response.ended() && !response.closed()) {
                response.end(collected);
            }
        });
    }

    /** The upstream answer's Content-Length, or -1 when it has none (or one that is not a number). */
    private static long contentLength(HttpClientResponse upstreamResponse) {
        String value = upstreamResponse.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private void failure(RoutingContext ctx, Exchange exchange, Upstream upstream, Outcome outcome,
            Throwable cause) {
        if (ctx.response().closed()) {
            // the client went away (its connection closed, which reset the upstream request): nothing to answer,
            // and nothing learnt about the upstream
            outcome.released();
            exchange.outcome = "client-closed";
            return;
        }
        if (exchange.bodyTooLarge) {
            // the client's fault, not the upstream's
            outcome.released();
            fail(ctx, exchange, upstream, 413, "body-too-large");
        } else if (cause instanceof TimeoutException) {
            outcome.failed();
            fail(ctx, exchange, upstream, 504, "timeout");
        } else {
            outcome.failed();
            fail(ctx, exchange, upstream, 502, "unreachable");
        }
    }

    private void fail(RoutingContext ctx, Exchange exchange, Upstream upstream, int status, String kind) {
        HttpServerRequest request = ctx.request();
        exchange.outcome = kind;
        metrics.upstreamFailure(upstream.name(), kind);
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            // part of the answer is out: only a cut connection tells the client it is incomplete
            response.reset();
            return;
        }
        if (response.ended() || response.closed()) {
            return;
        }
        boolean bodyless = exchange.requestBody == RequestBody.NONE;
        // the rest of a body is not wanted and may be large: no reading it to keep the connection
        boolean close = !bodyless && (status == 413 || !request.isEnded());
        Map<String, String> headers = new HashMap<>(2);
        if (status == 503) {
            headers.put("Retry-After", "5");
        }
        if (close) {
            headers.put("Connection", "close");
        }
        GatewayProblems.send(ctx, status, exchange.requestId, headers);
        if (bodyless) {
            request.resume();
        }
    }

    private static MultiMap caseInsensitive(List<String> names) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (String name : names) {
            map.add(name, "");
        }
        return map;
    }

    /** Reports a request's outcome to the breaker once, whatever path the exchange takes. */
    private static final class Outcome {
        private final UpstreamBreaker breaker;
        private boolean reported;

        Outcome(UpstreamBreaker breaker) {
            this.breaker = breaker;
        }

        void succeeded() {
            if (!reported) {
                reported = true;
                breaker.succeeded();
            }
        }

        void failed() {
            if (!reported) {
                reported = true;
                breaker.failed();
            }
        }

        void released() {
            if (!reported) {
                reported = true;
                breaker.released();
            }
        }
    }
}
