package dev.lexguard.gateway.routing;

import dev.lexguard.gateway.tokens.VerifiedToken;

/** What the gateway learnt about one request, for the access log and metrics. Touched only on its event loop. */
final class Exchange {

    final long startNanos = System.nanoTime();
    final RouteTable.Route route;
    final String requestId;
    final String clientIp;
    VerifiedToken token;
    /** A sign-out: its session's tokens are refused here once the upstream accepts it. */
    boolean endsOwnSession;
    String outcome = "forwarded";
    boolean bodyTooLarge;
    boolean clientClosed;
    /** Set when the request is forwarded. */
    Forwarder.RequestBody requestBody;

    Exchange(RouteTable.Route route, String requestId, String clientIp) {
        this.route = route;
        this.requestId = requestId;
        this.clientIp = clientIp;
    }
}
