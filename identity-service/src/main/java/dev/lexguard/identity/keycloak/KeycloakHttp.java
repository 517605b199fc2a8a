package dev.lexguard.identity.keycloak;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SSO code exchange's and the JWKS fetch's HTTP client: Vert.x's, through {@link KeycloakEgress} (the host name
 * goes to the proxy unresolved), redirects never followed, the configured connect and read timeouts, answers of at
 * most 1 MiB. Blocking: worker threads only.
 */
@ApplicationScoped
public class KeycloakHttp {

    /** An answer of Keycloak: its status and body. */
    public record Answer(int status, String body) {
    }

    static final int MAX_BODY = 1024 * 1024;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    @Inject
    public KeycloakHttp(Vertx vertx, KeycloakEgress egress, KeycloakConfig config) {
        this(vertx, egress, config.connectTimeout(), config.readTimeout());
    }

    KeycloakHttp(Vertx vertx, KeycloakEgress egress, Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setProxyOptions(egress.proxyOptions())
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setKeepAliveTimeout(30));
    }

    public Answer get(String url) throws IOException {
        return send(request(HttpMethod.GET, url), null);
    }

    public Answer postForm(String url, Map<String, String> headers, String form) throws IOException {
        RequestOptions options = request(HttpMethod.POST, url).putHeader("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(options::putHeader);
        return send(options, Buffer.buffer(form, StandardCharsets.UTF_8.name()));
    }

    private RequestOptions request(HttpMethod method, String url) {
        return new RequestOptions().setMethod(method).setAbsoluteURI(url).setFollowRedirects(false)
                .setConnectTimeout(connectTimeout.toMillis()).setIdleTimeout(readTimeout.toMillis());
    }

    /**
     * Throws the 422 {@code keycloak-address-refused} when the egress refused the target, an IOException when
     * Keycloak did not answer in time or at all.
     */
    private Answer send(RequestOptions options, Buffer body) throws IOException {
        Promise<Answer> answer = Promise.promise();
        client.request(options).onFailure(answer::tryFail).onSuccess(request -> {
            Future<HttpClientResponse> sent = body == null ? request.send() : request.send(body);
            sent.onFailure(answer::tryFail).onSuccess(response -> {
                Buffer received = Buffer.buffer();
                response.exceptionHandler(answer::tryFail);
                response.handler(chunk -> {
                    if (received.length() + chunk.length() > MAX_BODY) {
                        answer.tryFail(new IOException("Keycloak's answer is larger than " + MAX_BODY + " bytes"));
                        request.reset();
                    } else {
                        received.appendBuffer(chunk);
                    }
                });
                response.endHandler(ignored -> answer.tryComplete(new Answer(response.statusCode(),
                        received.toString(StandardCharsets.UTF_8))));
            });
        });
        try {
            return answer.future().toCompletionStage().toCompletableFuture()
                    .get(connectTimeout.plus(readTimeout).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (KeycloakEgress.refusedTarget(e.getCause())) {
                throw KeycloakEgress.refused();
            }
            throw new IOException("Keycloak did not answer", e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Keycloak did not answer in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Keycloak", e);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
