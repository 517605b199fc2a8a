package dev.lexguard.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.web.problem.HttpProblems;
import dev.lexguard.platform.web.problem.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** The problem+json bodies the gateway writes itself. */
public final class GatewayProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayProblems() {
    }

    /**
     * Answers with the problem for {@code status}: never cached; {@code Connection: close} among {@code headers}
     * also closes the connection once the answer is out.
     */
    static void send(RoutingContext ctx, int status, String requestId, Map<String, String> headers) {
        respond(ctx, status, headers, body(status, ctx.request().path(), requestId));
    }

    /**
     * 400 {@code invalid-path}: a path with a form the upstream could read as another route (its text is not echoed
     * back as the instance).
     */
    static void sendInvalidPath(RoutingContext ctx, String requestId) {
        respond(ctx, 400, Map.of(), write(new Problem(Problem.typeUri("invalid-path"), "Invalid path", 400,
                "The path has a form a service could read as another path (matrix parameters, encoded slashes or letters,"
                        + " backslashes, empty or dot segments); send it in its plain form", null, requestId, null)));
    }

    private static void respond(RoutingContext ctx, int status, Map<String, String> headers, String body) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status);
        response.putHeader("Content-Type", Problem.MEDIA_TYPE);
        response.putHeader("Cache-Control", "no-store");
        headers.forEach(response::putHeader);
        if ("close".equals(headers.get("Connection"))) {
            ctx.addEndHandler(ignored -> ctx.request().connection().close());
        }
        response.end(body);
    }

    public static String body(int status, String instance, String requestId) {
        Problem problem = switch (status) {
            case 502 -> new Problem(Problem.typeUri("bad-gateway"), "Bad gateway", 502,
                    "The service behind the gateway could not be reached; retry later", instance, requestId, null);
            case 503 -> new Problem(Problem.typeUri("service-unavailable"), "Service unavailable", 503,
                    "The service is unavailable; retry later", instance, requestId, null);
            case 504 -> new Problem(Problem.typeUri("gateway-timeout"), "Gateway timeout", 504,
                    "The service behind the gateway did not answer in time", instance, requestId, null);
            default -> HttpProblems.of(status, instance, requestId);
        };
        return write(problem);
    }

    private static String write(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
    }
}
