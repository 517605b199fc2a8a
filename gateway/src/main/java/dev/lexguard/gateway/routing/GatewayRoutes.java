package dev.lexguard.gateway.routing;

import dev.lexguard.gateway.activity.ActivityReporter;
import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.gateway.observability.AccessLog;
import dev.lexguard.gateway.observability.GatewayMetrics;
import dev.lexguard.gateway.protection.ClientAddresses;
import dev.lexguard.gateway.protection.RateLimiter;
import dev.lexguard.gateway.revocation.RevocationList;
import dev.lexguard.gateway.tokens.TokenRejectedException;
import dev.lexguard.gateway.tokens.TokenVerifier;
import dev.lexguard.gateway.tokens.VerifiedToken;
import dev.lexguard.platform.web.http.RequestIds;
import dev.lexguard.platform.web.problem.Problem;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The gateway's one Vert.x route: resolve the route, the client IP and the request id, strip headers only
 * the gateway may set, check the token (and its revocation), apply rate and size limits, then stream the
 * request to the owning service with the Vert.x HTTP proxy and stream its answer back.
 *
 * <p>It runs before Quarkus's and lexguard-web's body-limit handlers (which would buffer chunked bodies)
 * and after the request id is assigned and CORS is answered.
 */
@ApplicationScoped
public class GatewayRoutes {

    /** After lexguard-web's request id (Integer.MIN_VALUE), before the body-limit handlers. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 5;

    /** Set by the gateway only: whatever the client sends under these names is dropped. */
    private static final Set<String> GATEWAY_ONLY = Set.of("x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-server", "forwarded",
            "x-real-ip", "x-client-ip", "true-client-ip", "x-original-forwarded-for");
    private static final String GATEWAY_PREFIX = "x-lexguard-";
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    /** No route needs WebSockets: an upgrade request is forwarded as a plain request, never tunnelled. */
    private static final ProxyOptions PROXY_OPTIONS = new ProxyOptions().setSupportWebSocket(false);
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");

    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final TokenVerifier verifier;
    private final RevocationList revocations;
    private final ActivityReporter activity;
    private final ClientAddresses clientAddresses;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private final RateLimiter publicLimiter;
    private final RateLimiter userLimiter;

    public GatewayRoutes(GatewayConfig config, Upstreams upstreams, TokenVerifier verifier,
            RevocationList revocations, ActivityReporter activity, ClientAddresses clientAddresses,
            GatewayMetrics metrics, AccessLog accessLog) {
        this.config = config;
        this.upstreams = upstreams;
        this.verifier = verifier;
        this.revocations = revocations;
        this.activity = activity;
        this.clientAddresses = clientAddresses;
        this.metrics = metrics;
        this.accessLog = accessLog;
        GatewayConfig.Limit publicAuth = config.ratelimit().publicAuth();
        GatewayConfig.Limit user = config.ratelimit().user();
        this.publicLimiter = publicAuth.enabled() ? new RateLimiter(publicAuth.requests(), publicAuth.period()) : null;
        this.userLimiter = user.enabled() ? new RateLimiter(user.requests(), user.period()) : null;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = request.path();
        Optional<RouteTable.Route> resolved = path == null ? Optional.empty() : RouteTable.resolve(path);
        if (resolved.isEmpty()) {
            if (hasBody(request)) {
                // the gateway's own endpoints (docs, health, metrics) take no body: never buffer one
                reject(ctx, null, 413, "body-not-accepted", Map.of("Connection", "close"));
                return;
            }
            ctx.next();
            return;
        }
        RouteTable.Route route = resolved.get();
        request.pause();
        String clientIp = clientAddresses.resolve(request.remoteAddress() == null ? null
                : request.remoteAddress().hostAddress(), request.headers().getAll("X-Forwarded-For"));
        Exchange exchange = new Exchange(route, RequestIds.of(ctx), clientIp);
        ctx.addEndHandler(ignored -> finish(ctx, exchange));
        boolean publicRoute = RouteTable.isPublic(request.method(), path);
        // sign-in answers carry tokens: never cached anywhere
        boolean noStore = RouteTable.isAuthRoute(route) || (publicRoute && route.audience() != RouteTable.Audience.NONE);
        ctx.addHeadersEndHandler(ignored -> securityHeaders(ctx.response(), noStore));
        if (!path.equals(ctx.normalizedPath()) || path.contains("%2e") || path.contains("%2E")) {
            // dot segments would let a path escape its route once the upstream normalises it
            reject(ctx, exchange, 400, "path", Map.of());
            return;
        }
        Upstream upstream = upstreams.get(route.upstream()).orElseThrow();
        prepareHeaders(request, exchange);
        if (publicRoute) {
            if (route.audience() != RouteTable.Audience.NONE && !limit(ctx, exchange, publicLimiter, "ip:" + clientIp)) {
                return;
            }
            forward(ctx, exchange, upstream);
            return;
        }
        String token = bearer(request.getHeader("Authorization"));
        if (token == null) {
            unauthorized(ctx, exchange, "missing");
            return;
        }
        verifier.verify(token, route.audience() == RouteTable.Audience.PORTAL).onComplete(verified -> {
            if (verified.failed()) {
                String reason = verified.cause() instanceof TokenRejectedException rejected ? rejected.reason() : "invalid";
                unauthorized(ctx, exchange, reason);
                return;
            }
            VerifiedToken claims = verified.result();
            exchange.token = claims;
            String revoked = revocations.check(claims);
            if (revoked != null) {
                unauthorized(ctx, exchange, revoked);
                return;
            }
            if (!limit(ctx, exchange, userLimiter, "user:" + claims.firmId() + '/' + claims.subject())) {
                return;
            }
            activity.seen(claims, clientIp, request.getHeader("User-Agent"));
            forward(ctx, exchange, upstream);
        });
    }

    private void forward(RoutingContext ctx, Exchange exchange, Upstream upstream) {
        HttpServerRequest request = ctx.request();
        Optional<GatewayConfig.RouteOverride> override = Optional.ofNullable(config.routes().get(exchange.route.name()));
        long maxBody = override.flatMap(GatewayConfig.RouteOverride::maxBodySize).map(m -> m.asLongValue())
                .orElse(upstream.maxBodyBytes());
        long timeout = override.flatMap(GatewayConfig.RouteOverride::timeout).map(d -> d.toMillis())
                .orElse(upstream.timeoutMillis());
        String length = request.getHeader("Content-Length");
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                reject(ctx, exchange, 400, "content-length", Map.of("Connection", "close"));
                return;
            }
            if (bytes > maxBody) {
                // a moderately oversized body is read and dropped so the client sees the 413 instead of a reset
                // connection; a huge one is not worth reading
                reject(ctx, exchange, 413, "body-too-large",
                        bytes > DRAIN_LIMIT ? Map.of("Connection", "close") : Map.of());
                return;
            }
        }
        if (length == null && request.version() == HttpVersion.HTTP_2 && !request.isEnded()) {
            // an HTTP/2 body of unknown length goes upstream (HTTP/1.1) chunked
            request.headers().set("Transfer-Encoding", "chunked");
        }
        HttpMethod method = request.method();
        HttpProxy proxy = HttpProxy.reverseProxy(PROXY_OPTIONS, upstream.client());
        proxy.origin(context -> connect(upstream, timeout, IDEMPOTENT.contains(method), true));
        proxy.addInterceptor(new ForwardingInterceptor(upstream, maxBody, exchange, metrics, request.path()));
        proxy.handle(request);
    }

    /** A connection to the upstream; an idempotent request whose connection fails gets one more try. */
    private Future<HttpClientRequest> connect(Upstream upstream, long timeout, boolean idempotent, boolean first) {
        RequestOptions options = new RequestOptions()
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setConnectTimeout(upstream.connectTimeoutMillis())
                .setIdleTimeout(timeout);
        return upstream.client().request(options).recover(failure -> {
            if (idempotent && first) {
                metrics.retry(upstream.name());
                return connect(upstream, timeout, idempotent, false);
            }
            return Future.failedFuture(failure);
        });
    }

    private void prepareHeaders(HttpServerRequest request, Exchange exchange) {
        MultiMap headers = request.headers();
        String forwardedProto = headers.get("X-Forwarded-Proto");
        String host = headers.get("Host");
        List<String> drop = new ArrayList<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (GATEWAY_ONLY.contains(lower) || lower.startsWith(GATEWAY_PREFIX)) {
                drop.add(name);
            }
        }
        drop.forEach(headers::remove);
        boolean peerTrusted = request.remoteAddress() != null
                && clientAddresses.isTrustedPeer(request.remoteAddress().hostAddress());
        String proto = peerTrusted && ("https".equals(forwardedProto) || "http".equals(forwardedProto))
                ? forwardedProto : request.scheme();
        headers.set("X-Forwarded-For", exchange.clientIp);
        headers.set("X-Forwarded-Proto", proto == null ? "http" : proto);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        String traceparent = headers.get("traceparent");
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches() || traceparent.startsWith("ff")) {
            headers.remove("tracestate");
            headers.set("traceparent", newTraceparent());
        }
    }

    private static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // String.format parses its pattern on every call: a measurable share of a proxied request
        StringBuilder out = new StringBuilder(55).append("00-");
        hex(out, random.nextLong());
        hex(out, random.nextLong() | 1);
        hex(out.append('-'), random.nextLong() | 1);
        return out.append("-01").toString();
    }

    private static void hex(StringBuilder out, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((int) (value >>> shift) & 0xf, 16));
        }
    }

    private boolean limit(RoutingContext ctx, Exchange exchange, RateLimiter limiter, String key) {
        if (limiter == null) {
            return true;
        }
        RateLimiter.Decision decision = limiter.acquire(key);
        HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", Integer.toString(decision.limit()));
        response.putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        response.putHeader("RateLimit-Policy", decision.limit() + ";w=" + limiter.periodSeconds());
        if (decision.allowed()) {
            return true;
        }
        reject(ctx, exchange, 429, "rate-limited",
                Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
        return false;
    }

    private void unauthorized(RoutingContext ctx, Exchange exchange, String reason) {
        reject(ctx, exchange, 401, reason, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private void reject(RoutingContext ctx, Exchange exchange, int status, String reason, Map<String, String> headers) {
        if (exchange != null) {
            exchange.outcome = reason;
            metrics.rejection(exchange.route.name(), reason);
        }
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String body = GatewayProblems.body(status, ctx.request().path(), RequestIds.of(ctx));
        response.setStatusCode(status);
        response.putHeader("Content-Type", Problem.MEDIA_TYPE);
        response.putHeader("Cache-Control", "no-store");
        headers.forEach(response::putHeader);
        if ("close".equals(headers.get("Connection"))) {
            response.endHandler(ignored -> ctx.request().connection().close());
        }
        response.end(body);
        // the body (if any) is not wanted: let it drain so the connection can answer
        ctx.request().resume();
    }

    private static void securityHeaders(HttpServerResponse response, boolean noStore) {
        MultiMap headers = response.headers();
        SECURITY_HEADERS.forEach(headers::set);
        if (noStore || response.getStatusCode() == 401) {
            headers.set("Cache-Control", "no-store");
            headers.set("Pragma", "no-cache");
        }
    }

    private void finish(RoutingContext ctx, Exchange exchange) {
        HttpServerResponse response = ctx.response();
        HttpServerRequest request = ctx.request();
        int status = response.getStatusCode();
        long nanos = System.nanoTime() - exchange.startNanos;
        metrics.request(exchange.route.name(), exchange.route.upstream(), request.method().name(), status, nanos);
        if (!accessLog.enabled()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.method().name());
        fields.put("path", request.path());
        fields.put("route", exchange.route.name());
        fields.put("upstream", exchange.route.upstream());
        fields.put("status", status);
        fields.put("durationMs", nanos / 1_000_000.0);
        fields.put("bytesSent", response.bytesWritten());
        fields.put("clientIp", exchange.clientIp);
        fields.put("outcome", exchange.outcome);
        if (exchange.token != null) {
            fields.put("firmId", exchange.token.firmId().toString());
            fields.put("actorId", exchange.token.subject().toString());
            fields.put("sessionId", exchange.token.sessionId().toString());
        }
        accessLog.log(fields, request.method().name() + ' ' + request.path() + ' ' + status + ' '
                + String.format(Locale.ROOT, "%.2fms", nanos / 1_000_000.0) + " route=" + exchange.route.name()
                + " outcome=" + exchange.outcome);
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return (length != null && !"0".equals(length.trim())) || request.headers().contains("Transfer-Encoding");
    }
}
