package dev.lexguard.gateway.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * identity-service's signing keys, from its JWKS. Kept in memory, refreshed periodically, and refetched
 * when a token names an unknown {@code kid} (at most once per {@code jwks-min-refresh-interval}, so
 * garbage {@code kid}s cannot turn the gateway into a load generator against identity-service).
 * Only RSA keys of at least 2048 bits meant for signatures are kept.
 */
@ApplicationScoped
public class SigningKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIN_RSA_BITS = 2048;

    private final Vertx vertx;
    private final URI jwksUrl;
    private final long minRefreshMillis;
    private final long refreshMillis;
    private final AtomicLong lastFetchStarted = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile Map<String, RSAPublicKey> keys = Map.of();
    private volatile Future<Void> inFlight;
    private volatile boolean loaded;
    private HttpClient client;
    private long timer = -1;

    public SigningKeys(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.jwksUrl = config.tokens().jwksUrl()
                .orElseGet(() -> config.upstreams().get("identity").url().get(0).resolve("/.well-known/jwks.json"));
        this.minRefreshMillis = config.tokens().jwksMinRefreshInterval().toMillis();
        this.refreshMillis = config.tokens().jwksRefreshInterval().toMillis();
    }

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000).setIdleTimeout(5));
        refresh();
        timer = vertx.setPeriodic(Math.min(refreshMillis, 5_000), id -> {
            if (!loaded || System.currentTimeMillis() - lastFetchStarted.get() >= refreshMillis) {
                refresh();
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    /** True once one JWKS has been read. */
    public boolean loaded() {
        return loaded;
    }

    /** The key for a {@code kid}, or null (then {@link #refetchForUnknownKid()} may help). */
    public RSAPublicKey key(String kid) {
        return keys.get(kid);
    }

    /**
     * Refetches the JWKS because a token named an unknown {@code kid}; completes at once without fetching
     * when the last fetch was too recent.
     */
    public Future<Void> refetchForUnknownKid() {
        Future<Void> running = inFlight;
        if (running != null) {
            return running;
        }
        if (System.currentTimeMillis() - lastFetchStarted.get() < minRefreshMillis) {
            return Future.succeededFuture();
        }
        return refresh();
    }

    private synchronized Future<Void> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        lastFetchStarted.set(System.currentTimeMillis());
        Promise<Void> done = Promise.promise();
        inFlight = done.future();
        int port = jwksUrl.getPort() > 0 ? jwksUrl.getPort() : ("https".equals(jwksUrl.getScheme()) ? 443 : 80);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(jwksUrl.getHost())
                .setPort(port).setSsl("https".equals(jwksUrl.getScheme())).setURI(jwksUrl.getRawPath())
                .setIdleTimeout(5000).putHeader("Accept", "application/json");
        client.request(options)
                .compose(request -> request.send())
                .compose(this::body)
                .map(SigningKeys::parse)
                .onSuccess(parsed -> {
                    keys = parsed;
                    loaded = true;
                    Log.debugf("JWKS loaded from %s: %d keys", jwksUrl, keys.size());
                })
                .onFailure(failure -> Log.warnf("Cannot load the JWKS from %s: %s", jwksUrl, failure.getMessage()))
                .onComplete(ignored -> {
                    synchronized (this) {
                        inFlight = null;
                    }
                    done.complete();
                });
        return done.future();
    }

    private Future<Buffer> body(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return Future.failedFuture("JWKS answered " + response.statusCode());
        }
        return response.body();
    }

    static Map<String, RSAPublicKey> parse(Buffer body) {
        try {
            JsonNode jwks = JSON.readTree(body.getBytes());
            Map<String, RSAPublicKey> parsed = new HashMap<>();
            KeyFactory factory = KeyFactory.getInstance("RSA");
            for (JsonNode jwk : jwks.path("keys")) {
                if (!"RSA".equals(jwk.path("kty").asText()) || !jwk.hasNonNull("kid")
                        || (jwk.has("use") && !"sig".equals(jwk.path("use").asText()))
                        || (jwk.has("alg") && !"RS256".equals(jwk.path("alg").asText()))) {
                    continue;
                }
                BigInteger modulus = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText()));
                BigInteger exponent = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()));
                if (modulus.bitLength() < MIN_RSA_BITS) {
                    continue;
                }
                parsed.put(jwk.get("kid").asText(),
                        (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            }
            return Map.copyOf(parsed);
        } catch (Exception e) {
            throw new IllegalStateException("the JWKS is not a valid JWK set", e);
        }
    }
}
