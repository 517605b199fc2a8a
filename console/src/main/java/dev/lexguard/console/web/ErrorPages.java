package dev.lexguard.console.web;

import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.platform.web.http.RequestIds;
import io.quarkus.logging.Log;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console's one error page, for its own problems and for whatever else reaches JAX-RS (an unknown page, a wrong
 * method, an unexpected failure): a status, a title, a sentence and the request id, as HTML; never a stack trace. The
 * priority beats lexguard-web's problem+json mappers, which answer the API's clients, not a browser.
 */
public class ErrorPages {

    static final int PRIORITY = Priorities.USER - 2000;

    private final Pages pages;

    public ErrorPages(Pages pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ConsoleProblem problem, RoutingContext ctx) {
        return page(problem, ctx);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return page(ConsoleProblem.notFound(), ctx);
        }
        if (status == 401) {
            return page(ConsoleProblem.sessionInvalid(), ctx);
        }
        if (status == 403) {
            return page(ConsoleProblem.forbidden(), ctx);
        }
        if (status >= 500) {
            Log.errorf(e, "Unhandled error [requestId=%s] %s %s", RequestIds.of(ctx), ctx.request().method(), ctx.request().path());
            return page(new ConsoleProblem(500, "Something went wrong", "The console could not show this page.", false), ctx);
        }
        return page(new ConsoleProblem(status, "This request cannot be answered",
                "The console does not take this request. Go back and try again.", false), ctx);
    }

    /** A form body that cannot be decoded (RESTEasy's form parser throws this). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response undecodable(IllegalArgumentException e, RoutingContext ctx) {
        Log.debugf("Undecodable request [requestId=%s]: %s", RequestIds.of(ctx), e.getClass().getSimpleName());
        return page(ConsoleProblem.badRequest("The form could not be read. Open the page again and resubmit."), ctx);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Throwable e, RoutingContext ctx) {
        Log.errorf(e, "Unhandled error [requestId=%s] %s %s", RequestIds.of(ctx), ctx.request().method(), ctx.request().path());
        return page(new ConsoleProblem(500, "Something went wrong", "The console could not show this page.", false), ctx);
    }

    private Response page(ConsoleProblem problem, RoutingContext ctx) {
        String path = ctx.request().path();
        String html = PortalPaths.portal(path) ? pages.portalError(problem, RequestIds.of(ctx), PortalPaths.firm(path))
                : pages.error(problem, RequestIds.of(ctx));
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
