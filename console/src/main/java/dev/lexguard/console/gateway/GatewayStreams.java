package dev.lexguard.console.gateway;

import dev.lexguard.console.ConsoleConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * The gateway's answers that are streams, not documents: the feed's live server-sent events and its exports. They are
 * answered as Vert.x responses still paused, for the caller to pipe on to the browser (never read whole into memory:
 * an export may hold 100,000 entries, a stream never ends by itself).
 */
@ApplicationScoped
public class GatewayStreams {

    /** No byte from the gateway for this long (its stream sends a keep-alive every 15 s): the stream is over. */
    private static final long IDLE_MILLIS = 60_000;

    private final HttpClient client;
    private final URI base;

    public GatewayStreams(Vertx vertx, ConsoleConfig config) {
        this.base = config.gatewayUrl();
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setConnectTimeout(5_000));
    }

    /**
     * Opens {@code GET path} for the person behind the access token; the response is paused (nothing is read until the
     * caller resumes or pipes it). {@code lastEventId} is passed as {@code Last-Event-ID} when not null.
     */
    public Future<HttpClientResponse> open(String path, String accept, String accessToken, String lastEventId,
            BrowserContext browser) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setURI(base.getPath().replaceAll("/$", "") + path).setIdleTimeout(IDLE_MILLIS)
                .putHeader("Accept", accept).putHeader("Authorization", "Bearer " + accessToken);
        if (lastEventId != null) {
            options.putHeader("Last-Event-ID", lastEventId);
        }
        if (browser.userAgent() != null) {
            options.putHeader("User-Agent", browser.userAgent());
        }
        if (browser.clientIp() != null) {
            options.putHeader("X-Forwarded-For", browser.clientIp());
        }
        return client.request(options).compose(request -> request.send().map(response -> {
            response.pause();
            return response;
        }));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
