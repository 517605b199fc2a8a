package dev.lexguard.console.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The headers of every answer, pages, static files and errors alike: a strict Content-Security-Policy (scripts and
 * styles from the console's own files only, no inline code; forms post only here; never framed), no sniffing, no
 * referrer, HSTS, and no caching of pages (they show sessions and carry CSRF tokens).
 */
@ApplicationScoped
public class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            String path = ctx.request().path();
            if (path == null || !(path.contains("/static/") || path.contains("/webjars/"))) {
                headers.set("Cache-Control", "no-store");
            }
        });
        ctx.next();
    }
}
