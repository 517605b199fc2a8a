package dev.lexguard.identity.sessions;

import io.vertx.core.http.HttpServerRequest;

/**
 * Where a request came from. The IP is the peer address after Quarkus' forwarded-header handling, which
 * honours X-Forwarded-For only from the proxies in {@code quarkus.http.proxy.trusted-proxies} (the gateway).
 */
public record ClientInfo(String ip, String userAgent) {

    static final int MAX_USER_AGENT = 512;

    public static ClientInfo of(HttpServerRequest request) {
        String ip = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String agent = request.getHeader("User-Agent");
        if (agent != null) {
            agent = agent.replaceAll("\\p{Cntrl}", "");
            if (agent.length() > MAX_USER_AGENT) {
                agent = agent.substring(0, MAX_USER_AGENT);
            }
        }
        return new ClientInfo(ip == null ? "unknown" : ip, agent);
    }
}
