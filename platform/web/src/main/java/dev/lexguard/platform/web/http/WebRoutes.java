package dev.lexguard.platform.web.http;

import dev.lexguard.platform.web.problem.HttpProblems;
import dev.lexguard.platform.web.problem.Problem;
import dev.lexguard.platform.web.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * Vert.x routes every service gets: the request id on every request and response, the body size limit
 * answered as problem+json, and problem+json for failures that never reach a JAX-RS exception mapper
 * (unknown paths, framework errors).
 */
@ApplicationScoped
public class WebRoutes {

    static final Map<String, String> BEARER_CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    private final long maxBodyBytes;
    private final BodyHandler chunkedBodyReader;

    public WebRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.chunkedBodyReader = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assignRequestId);
        // Quarkus's own check (ROUTE_ORDER_UPLOAD_LIMIT) answers an empty 413: run just before it
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::enforceBodyLimit);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        for (int status : new int[] {404, 405, 406, 415}) {
            router.errorHandler(status, ctx -> writeStatus(ctx, status));
        }
    }

    private void assignRequestId(RoutingContext ctx) {
        String id = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        ctx.put(RequestIds.CONTEXT_KEY, id);
        // code behind us (JAX-RS, proxies) reads the id we accepted, not what the client sent
        ctx.request().headers().set(RequestIds.HEADER, id);
        ctx.addHeadersEndHandler(ignored -> ctx.response().headers().set(RequestIds.HEADER, id));
        // Quarkus keeps the MDC in the request's duplicated Vert.x context, so it follows the request
        // onto worker threads and ends with it
        MDC.put(RequestIds.MDC_KEY, id);
        ctx.next();
    }

    private void enforceBodyLimit(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                writeStatus(ctx, 400);
                return;
            }
            if (bytes > maxBodyBytes) {
                ctx.response().putHeader("Connection", "close");
                ctx.response().endHandler(ignored -> ctx.request().connection().close());
                writeStatus(ctx, 413);
                return;
            }
        } else if (ctx.request().headers().contains("Transfer-Encoding", "chunked", true)) {
            // A body of unknown length: read it here, up to the limit, so an oversized one fails the route
            // (413, answered by onFailure) instead of being cut off inside JAX-RS with an empty response.
            // JAX-RS then uses the buffered body.
            chunkedBodyReader.handle(ctx);
            return;
        }
        ctx.next();
    }

    private void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        String id = RequestIds.of(ctx);
        String path = ctx.request().path();
        if (failure instanceof ProblemException problem) {
            ProblemWriter.write(ctx, HttpProblems.of(problem, path, id), problem.headers());
            return;
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException
                || failure instanceof AuthenticationCompletionException) {
            ProblemWriter.write(ctx, HttpProblems.of(401, path, id), BEARER_CHALLENGE);
            return;
        }
        if (failure instanceof ForbiddenException) {
            ProblemWriter.write(ctx, HttpProblems.of(403, path, id), Map.of());
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (status < 400 || status > 599) {
            status = 500;
        }
        if (status >= 500) {
            Log.errorf(failure, "Request failed [requestId=%s] %s %s", id, ctx.request().method(), path);
        }
        if (status == 413) {
            ctx.response().putHeader("Connection", "close");
        }
        ProblemWriter.write(ctx, HttpProblems.of(status, path, id), status == 401 ? BEARER_CHALLENGE : Map.of());
    }

    private static void writeStatus(RoutingContext ctx, int status) {
        String id = RequestIds.of(ctx);
        Problem problem = HttpProblems.of(status, ctx.request().path(), id);
        ProblemWriter.write(ctx, problem, Map.of());
    }
}
