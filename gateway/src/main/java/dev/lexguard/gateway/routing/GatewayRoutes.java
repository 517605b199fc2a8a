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
import dev.lexguard.platform.web.http.ClientNetworks;
import dev.lexguard.platform.web.http.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final MultiMap GATEWAY_ONLY = MultiMap.caseInsensitiveMultiMap();

    static {
        for (String name : List.of("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
                "x-forwarded-prefix", "x-forwarded-server", "forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
                "x-original-forwarded-for")) {
            GATEWAY_ONLY.add(name, "");
        }
    }

    private static final String GATEWAY_PREFIX = "x-lexguard-";
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    /** The status recorded for a request whose client went away before an answer began (nginx's 499). */
    private static final int CLIENT_CLOSED = 499;
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
    private final Forwarder forwarder;

    public GatewayRoutes(GatewayConfig config, Upstreams upstreams, TokenVerifier verifier,
            RevocationList revocations, ActivityReporter activity, ClientAddresses clientAddresses,
            GatewayMetrics metrics, AccessLog accessLog, OpenStreams streams) {
        this.config = config;
        this.upstreams = upstreams;
        this.verifier = verifier;
        this.revocations = revocations;
        this.activity = activity;
        this.clientAddresses = clientAddresses;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.forwarder = new Forwarder(metrics, streams, revocations);
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
        if (path != null && (!path.equals(ctx.normalizedPath()) || !RouteTable.isUnambiguous(path))) {
            // dot segments, matrix parameters or encoded separators would let a path mean one route here and
            // another once the upstream normalises it: refused before anything else, the public rules included
            RouteTable.resolve(path).ifPresent(route -> metrics.rejection(route.name(), "path"));
            ctx.addHeadersEndHandler(ignored -> securityHeaders(ctx.response(), true));
            GatewayProblems.sendInvalidPath(ctx, RequestIds.of(ctx));
            request.resume();
            return;
        }
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
        ctx.addEndHandler(ended -> {
            if (ended.failed() && !ctx.response().headWritten()) {
                // the connection closed before an answer began: logged and counted as 499, as nginx does
                exchange.outcome = "client-closed";
                exchange.clientClosed = true;
            }
            finish(ctx, exchange);
        });
        boolean publicRoute = RouteTable.isPublic(request.method(), path);
        // sign-in answers carry tokens: never cached anywhere
        boolean noStore = RouteTable.isAuthRoute(route) || (publicRoute && route.audience() != RouteTable.Audience.NONE);
        boolean console = RouteTable.CONSOLE_ROUTE.equals(route.name());
        ctx.addHeadersEndHandler(ignored -> {
            if (console) {
                // the console's pages need their own policy (its scripts and styles): the gateway adds what is missing
                consoleHeaders(ctx.response());
            } else {
                securityHeaders(ctx.response(), noStore);
            }
        });
        Upstream upstream = upstreams.get(route.upstream()).orElseThrow();
        Forwarder.Added added = prepareHeaders(request, exchange);
        if (publicRoute) {
            // an IPv6 client counts by its /64: a host may take a new address of it for every request
            if (route.audience() != RouteTable.Audience.NONE
                    && !limit(ctx, exchange, publicLimiter, ClientNetworks.limitKey(clientIp))) {
                return;
            }
            String portalToken = RouteTable.endsOwnSession(request.method(), path)
                    ? bearer(request.getHeader("Authorization")) : null;
            if (portalToken == null) {
                forward(ctx, exchange, upstream, added);
                return;
            }
            // a contact's sign-out is checked by identity-service; a token the gateway can verify is remembered so
            // that its session is refused here from identity's answer on
            verifier.verify(portalToken, true).onComplete(verified -> {
                if (verified.succeeded()) {
                    exchange.token = verified.result();
                    exchange.endsOwnSession = true;
                }
                forward(ctx, exchange, upstream, added);
            });
            return;
        }
        String token = bearer(request.getHeader("Authorization"));
        if (token == null) {
            unauthorized(ctx, exchange, "missing");
            return;
        }
        RouteTable.Audience audience = RouteTable.audience(route, request.method(), path);
        Future<VerifiedToken> verification = audience == RouteTable.Audience.API_OR_PORTAL
                // a contact's own sessions: a firm user's token, else a portal contact's
                ? verifier.verify(token, false).recover(failure -> failure instanceof TokenRejectedException rejected
                        && "audience".equals(rejected.reason()) ? verifier.verify(token, true) : Future.failedFuture(failure))
                : verifier.verify(token, audience == RouteTable.Audience.PORTAL);
        verification.onComplete(verified -> {
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
            if (!limit(ctx, exchange, userLimiter, claims.user())) {
                return;
            }
            activity.seen(claims, clientIp, request.getHeader("User-Agent"));
            exchange.endsOwnSession = RouteTable.endsOwnSession(request.method(), path);
            forward(ctx, exchange, upstream, added);
        });
    }

    private void forward(RoutingContext ctx, Exchange exchange, Upstream upstream, Forwarder.Added added) {
        HttpServerRequest request = ctx.request();
        GatewayConfig.RouteOverride override = config.routes().get(exchange.route.name());
        long maxBody = override == null ? upstream.maxBodyBytes()
                : override.maxBodySize().map(m -> m.asLongValue()).orElse(upstream.maxBodyBytes());
        long timeout = override == null ? upstream.timeoutMillis()
                : override.timeout().map(d -> d.toMillis()).orElse(upstream.timeoutMillis());
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
        forwarder.forward(ctx, exchange, upstream, added, maxBody, timeout);
    }

    /**
     * Drops what only the gateway may set from the request (it is not forwarded) and works out what the gateway
     * adds instead: the client's address, the original scheme and host, and a trace context when the client sent
     * none that is valid.
     */
    private Forwarder.Added prepareHeaders(HttpServerRequest request, Exchange exchange) {
        MultiMap headers = request.headers();
        List<String> drop = null;
        for (String name : headers.names()) {
            if (GATEWAY_ONLY.contains(name) || name.regionMatches(true, 0, GATEWAY_PREFIX, 0, GATEWAY_PREFIX.length())) {
                if (drop == null) {
                    drop = new ArrayList<>();
                }
                drop.add(name);
            }
        }
        String forwardedProto = headers.get("X-Forwarded-Proto");
        if (drop != null) {
            drop.forEach(headers::remove);
        }
        boolean peerTrusted = forwardedProto != null && request.remoteAddress() != null
                && clientAddresses.isTrustedPeer(request.remoteAddress().hostAddress());
        String proto = peerTrusted && ("https".equals(forwardedProto) || "http".equals(forwardedProto))
                ? forwardedProto : request.scheme();
        if (Span.current().getSpanContext().isValid()) {
            // tracing is on (an OTLP endpoint is set): this request is the gateway's server span, which continued a
            // valid client traceparent, and the forwarding's client span sends its own context upstream
            return new Forwarder.Added(exchange.clientIp, proto == null ? "http" : proto, headers.get("Host"), null, true);
        }
        String traceparent = headers.get("traceparent");
        boolean validTrace = traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.startsWith("ff");
        return new Forwarder.Added(exchange.clientIp, proto == null ? "http" : proto, headers.get("Host"),
                validTrace ? null : newTraceparent(), false);
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

    private boolean limit(RoutingContext ctx, Exchange exchange, RateLimiter limiter, Object key) {
        if (limiter == null) {
            return true;
        }
        RateLimiter.Decision decision = limiter.acquire(key);
        HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", limiter.limitHeader());
        response.putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        response.putHeader("RateLimit-Policy", limiter.policyHeader());
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
        GatewayProblems.send(ctx, status, RequestIds.of(ctx), headers);
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

    private static void consoleHeaders(HttpServerResponse response) {
        MultiMap headers = response.headers();
        SECURITY_HEADERS.forEach((name, value) -> {
            if (!headers.contains(name)) {
                headers.set(name, value);
            }
        });
    }

    private void finish(RoutingContext ctx, Exchange exchange) {
        HttpServerResponse response = ctx.response();
        HttpServerRequest request = ctx.request();
        int status = exchange.clientClosed ? CLIENT_CLOSED : response.getStatusCode();
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
                + millis(nanos) + "ms route=" + exchange.route.name()
                + " outcome=" + exchange.outcome);
    }

    /** Milliseconds with two decimals (String.format parses its pattern on every call). */
    static String millis(long nanos) {
        long hundredths = (nanos + 5_000) / 10_000;
        long fraction = hundredths % 100;
        return hundredths / 100 + (fraction < 10 ? ".0" : ".") + fraction;
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
