package dev.lexguard.console.web;

import dev.lexguard.console.ConsoleConfig;
import dev.lexguard.console.gateway.BrowserContext;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The console's session cookie: httpOnly, SameSite=Strict, path /console, no lifetime of its own (the server's session
 * decides), and Secure unless configuration explicitly allows plain http for a browser on a loopback address.
 */
@ApplicationScoped
public class SessionCookie {

    private static final String PATH = "/console";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final ConsoleConfig config;

    public SessionCookie(ConsoleConfig config) {
        this.config = config;
    }

    public String read(HttpServerRequest request) {
        Cookie cookie = request.getCookie(config.cookie().name());
        return cookie == null ? null : cookie.getValue();
    }

    public boolean present(HttpServerRequest request) {
        return request.getCookie(config.cookie().name()) != null;
    }

    public String set(HttpServerRequest request, String value) {
        return Cookie.cookie(config.cookie().name(), value).setPath(PATH).setHttpOnly(true).setSecure(secure(request))
                .setSameSite(CookieSameSite.STRICT).encode();
    }

    public String clear(HttpServerRequest request) {
        return Cookie.cookie(config.cookie().name(), "").setPath(PATH).setHttpOnly(true).setSecure(secure(request))
                .setSameSite(CookieSameSite.STRICT).setMaxAge(0).encode();
    }

    /** The browser's user agent and address (the gateway's X-Forwarded-For when it forwarded the request). */
    public static BrowserContext browser(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        String ip = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].trim()
                : request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String agent = request.getHeader("User-Agent");
        return new BrowserContext(agent == null || agent.length() > 1024 ? null : agent, ip);
    }

    private boolean secure(HttpServerRequest request) {
        if (!config.cookie().allowInsecureLoopback() || request.isSSL()) {
            return true;
        }
        String host = request.authority() == null ? null : request.authority().host();
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        String forwardedProto = request.getHeader("X-Forwarded-Proto");
        return !(LOOPBACK.contains(host) && (forwardedHost == null || LOOPBACK.contains(hostOf(forwardedHost)))
                && (forwardedProto == null || "http".equals(forwardedProto)));
    }

    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
