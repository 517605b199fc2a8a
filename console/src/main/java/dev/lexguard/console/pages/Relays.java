package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.BrowserContext;
import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.gateway.GatewayStreams;
import dev.lexguard.console.session.ConsoleSessions;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.web.Pages;
import dev.lexguard.console.web.SessionCookie;
import dev.lexguard.platform.web.http.RequestIds;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/**
 * What the console's relays of the gateway's streams and downloads share (the feed's live stream and exports, sharing's
 * CSV exports): the signed-in session behind the cookie, a download piped on as it comes with its type and a filename
 * (never held in memory), and the one HTML error page for a bad cookie, a bad filter or a refusal before the first byte.
 */
@ApplicationScoped
class Relays {

    private final ConsoleSessions sessions;
    private final SessionCookie cookie;
    private final GatewayStreams gateway;
    private final Pages pages;

    Relays(ConsoleSessions sessions, SessionCookie cookie, GatewayStreams gateway, Pages pages) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.gateway = gateway;
        this.pages = pages;
    }

    /** The signed-in session behind the cookie (its access token refreshed when due), or the 401 page. */
    void signedIn(RoutingContext ctx, Consumer<SignedIn> then) {
        BrowserContext browser = SessionCookie.browser(ctx.request());
        sessions.signedIn(cookie.read(ctx.request()), browser).subscribe().with(me -> {
            try {
                if (me == null) {
                    throw ConsoleProblem.sessionInvalid();
                }
                then.accept(me);
            } catch (RuntimeException e) {
                error(ctx, e);
            }
        }, failure -> error(ctx, failure));
    }

    /** Opens {@code GET path} at the gateway for the signed-in person: a paused answer, or a failure when it is unreachable. */
    Future<HttpClientResponse> open(RoutingContext ctx, SignedIn me, String path, String accept, String lastEventId) {
        return gateway.open(path, accept, me.accessToken(), lastEventId, SessionCookie.browser(ctx.request()))
                .onFailure(failure -> unreachable(ctx, failure));
    }

    /**
     * The gateway's {@code GET path} passed on to the browser as a download: its type (or {@code mediaType} when it sent
     * none) and {@code filename}, piped chunk by chunk; a refusal is the error page.
     */
    void download(RoutingContext ctx, SignedIn me, String path, String mediaType, String filename) {
        open(ctx, me, path, mediaType, null).onSuccess(upstream -> {
            if (upstream.statusCode() != 200) {
                refused(ctx, upstream);
                return;
            }
            String type = upstream.getHeader("Content-Type");
            HttpServerResponse response = ctx.response();
            if (response.closed()) {
                upstream.request().reset();
                return;
            }
            response.setChunked(true).setStatusCode(200).putHeader("Content-Type", type == null ? mediaType : type)
                    .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
            response.closeHandler(closed -> upstream.request().reset());
            // a download cut short must not look complete: the browser's connection is reset, not ended
            upstream.pipe().endOnFailure(false).to(response).onFailure(failure -> {
                if (!response.closed()) {
                    response.reset();
                }
            });
        });
    }

    /** The gateway refused before its first byte: the console's error page for its status, never its body. */
    void refused(RoutingContext ctx, HttpClientResponse upstream) {
        int status = upstream.statusCode();
        upstream.resume();
        if (status == 422) {
            error(ctx, new ConsoleProblem(422, "Too much for one export",
                    "The range holds more entries than one export may. Export it in shorter ranges.", false));
            return;
        }
        error(ctx, PageAnswers.refused(new ApiAnswer(status, new JsonObject())));
    }

    private void unreachable(RoutingContext ctx, Throwable failure) {
        Log.warnf("the gateway did not answer %s: %s", ctx.request().path(), failure.getClass().getSimpleName());
        error(ctx, ConsoleProblem.unavailable());
    }

    void error(RoutingContext ctx, Throwable failure) {
        ConsoleProblem problem;
        if (failure instanceof ConsoleProblem known) {
            problem = known;
        } else {
            Log.errorf(failure, "Unhandled error [requestId=%s] %s %s", RequestIds.of(ctx), ctx.request().method(), ctx.request().path());
            problem = new ConsoleProblem(500, "Something went wrong", "The console could not show this page.", false);
        }
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(problem.status()).putHeader("Content-Type", "text/html;charset=UTF-8")
                .end(pages.error(problem, RequestIds.of(ctx)));
    }

    static String param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? null : value;
    }
}
