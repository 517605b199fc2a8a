package dev.lexguard.identity;

import dev.lexguard.platform.web.http.RequestIds;
import dev.lexguard.platform.web.problem.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** problem+json for {@link AuthenticationProblem}, in the shape of every other LexGuard problem. */
public class AuthenticationProblemMapper {

    @ServerExceptionMapper(priority = Priorities.USER - 1000)
    public Response map(AuthenticationProblem e, RoutingContext ctx) {
        Problem problem = new Problem(Problem.typeUri(e.slug()), e.title(), 401, e.getMessage(), ctx.request().path(),
                RequestIds.of(ctx), null);
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(problem).build();
    }
}
