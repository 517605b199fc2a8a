package dev.lexguard.platform.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.web.problem.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Writes a problem straight to the Vert.x response, for failures that never reach JAX-RS. */
final class ProblemWriter {

    // A private mapper: the application's ObjectMapper settings must not change how errors look.
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    static void write(RoutingContext ctx, Problem problem, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // too late for a clean answer: the client sees a cut-off response
            ctx.request().connection().close();
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem record always serialises", e);
        }
        response.setStatusCode(problem.status());
        response.headers().remove("Content-Length");
        response.putHeader("Content-Type", Problem.MEDIA_TYPE);
        response.putHeader("Cache-Control", "no-store");
        headers.forEach(response::putHeader);
        response.end(body);
    }
}
