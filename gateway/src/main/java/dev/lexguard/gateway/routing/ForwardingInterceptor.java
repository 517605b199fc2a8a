package dev.lexguard.gateway.routing;

import dev.lexguard.gateway.observability.GatewayMetrics;
import dev.lexguard.platform.web.problem.Problem;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.util.concurrent.TimeoutException;

/**
 * Wraps one forwarded request: caps a body of unknown length, runs the exchange through the upstream's
 * circuit breaker (connect failures, timeouts and 502/503/504 answers count as failures), and turns every
 * failure into a problem+json answer: 502 unreachable, 503 circuit open, 504 too slow, 413 body too large.
 */
final class ForwardingInterceptor implements ProxyInterceptor {

    private final Upstream upstream;
    private final long maxBodyBytes;
    private final Exchange exchange;
    private final GatewayMetrics metrics;
    private final String path;

    ForwardingInterceptor(Upstream upstream, long maxBodyBytes, Exchange exchange, GatewayMetrics metrics, String path) {
        this.upstream = upstream;
        this.maxBodyBytes = maxBodyBytes;
        this.exchange = exchange;
        this.metrics = metrics;
        this.path = path;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        Body body = request.getBody();
        if (body != null && body.length() < 0) {
            request.setBody(Body.body(new LimitedReadStream(body.stream(), maxBodyBytes,
                    () -> exchange.bodyTooLarge = true), -1));
        }
        return upstream.breaker().<ProxyResponse>execute(promise -> context.sendRequest().onComplete(result -> {
            if (result.failed()) {
                promise.fail(result.cause());
                return;
            }
            int status = result.result().getStatusCode();
            if (status == 502 || status == 503 || status == 504) {
                promise.fail(new UpstreamAnsweredFailure(result.result()));
            } else {
                promise.complete(result.result());
            }
        })).recover(failure -> {
            if (failure instanceof UpstreamAnsweredFailure answered) {
                return Future.succeededFuture(answered.response);
            }
            return Future.succeededFuture(problem(request, failure));
        });
    }

    private ProxyResponse problem(ProxyRequest request, Throwable failure) {
        int status;
        String kind;
        if (exchange.bodyTooLarge) {
            status = 413;
            kind = "body-too-large";
        } else if (failure instanceof OpenCircuitException) {
            status = 503;
            kind = "circuit-open";
        } else if (failure instanceof TimeoutException) {
            status = 504;
            kind = "timeout";
        } else {
            status = 502;
            kind = "unreachable";
        }
        exchange.outcome = kind;
        metrics.upstreamFailure(upstream.name(), kind);
        request.release();
        ProxyResponse response = request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .setBody(Body.body(Buffer.buffer(GatewayProblems.body(status, path, exchange.requestId))));
        if (status == 503) {
            response.putHeader("Retry-After", "5");
        }
        if (status == 413) {
            response.putHeader("Connection", "close");
        }
        return response;
    }

    /** An upstream's own 502/503/504: counted by the breaker, then passed to the client unchanged. */
    private static final class UpstreamAnsweredFailure extends RuntimeException {
        private final transient ProxyResponse response;

        private UpstreamAnsweredFailure(ProxyResponse response) {
            super("upstream answered " + response.getStatusCode(), null, false, false);
            this.response = response;
        }
    }
}
