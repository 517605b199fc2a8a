package dev.lexguard.platform.web.testapp;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

/** Test-only endpoints that fail in each way a real service can. */
@Path("/test")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    @POST
    @Path("/widgets")
    @Consumes(MediaType.APPLICATION_JSON)
    public WidgetRequest create(@Valid WidgetRequest request) {
        return request;
    }

    @GET
    @Path("/problems/{kind}")
    public String problem(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "not-found" -> new NotFoundProblem();
            case "conflict" -> new ConflictProblem("email-taken", "That email is already in use");
            case "business-rule" -> new BusinessRuleProblem("last-administrator",
                    "A firm keeps at least one administrator");
            case "too-many" -> new TooManyRequestsProblem(Duration.ofMillis(29_500));
            case "forbidden" -> new ForbiddenProblem("Not for you");
            case "bad-request" -> new BadRequestProblem("bad-date-range", "The range ends before it starts");
            default -> new IllegalArgumentException(kind);
        };
    }

    @GET
    @Path("/redirect")
    public String redirect() {
        throw new WebApplicationException(Response.seeOther(URI.create("/test/request-id")).build());
    }

    @GET
    @Path("/downstream-failure")
    public String downstreamFailure() {
        // what a REST client throws when another service answers 404
        throw new ClientWebApplicationException(404);
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("SELECT secret FROM accounts -- in dev.lexguard.Secret");
    }

    @GET
    @Path("/request-id")
    public Map<String, String> requestId(@HeaderParam("X-Request-Id") String header) {
        Object mdc = MDC.get("requestId");
        return Map.of("mdc", String.valueOf(mdc), "header", String.valueOf(header));
    }
}
