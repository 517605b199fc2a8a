package dev.lexguard.platform.web.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id: the client's {@code X-Request-Id} when it is short and harmless, otherwise a new UUID.
 * {@link WebRoutes} assigns it before anything else runs; read it with {@link #of(RoutingContext)}
 * or from the logging MDC key {@value #MDC_KEY}.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String CONTEXT_KEY = "lexguard.request-id";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RequestIds() {
    }

    /** The client's id if it is safe to echo and log, otherwise a fresh one. */
    public static String accept(String fromClient) {
        if (fromClient != null && SAFE.matcher(fromClient).matches()) {
            return fromClient;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of this request; assigns one if the request somehow bypassed the routes. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(CONTEXT_KEY);
        if (id == null) {
            id = accept(ctx.request().getHeader(HEADER));
            ctx.put(CONTEXT_KEY, id);
        }
        return id;
    }
}
