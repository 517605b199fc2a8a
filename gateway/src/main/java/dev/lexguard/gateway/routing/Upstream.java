package dev.lexguard.gateway.routing;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One upstream service: its connection pools, its circuit breaker and its limits. Each event loop has its own
 * client, created on that loop, so a request read on a loop is forwarded on a connection owned by the same loop:
 * no hand-off between threads on the way to the service and back (with one shared pool, a request read on one loop
 * often got a connection of another and every read and write crossed threads).
 */
public final class Upstream {

    private final String name;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final UpstreamBreaker breaker;
    private final long timeoutMillis;
    private final long connectTimeoutMillis;
    private final long maxBodyBytes;
    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final HttpClient shared;
    private final ThreadLocal<HttpClient> perLoop;
    private final List<HttpClient> all = new CopyOnWriteArrayList<>();

    public Upstream(String name, String host, int port, boolean ssl, Vertx vertx, HttpClientOptions options,
            PoolOptions pool, UpstreamBreaker breaker, long timeoutMillis, long connectTimeoutMillis, long maxBodyBytes) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.ssl = ssl;
        this.vertx = vertx;
        this.options = options;
        this.pool = pool;
        this.breaker = breaker;
        this.timeoutMillis = timeoutMillis;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxBodyBytes = maxBodyBytes;
        this.shared = newClient();
        this.perLoop = ThreadLocal.withInitial(this::newClient);
    }

    private HttpClient newClient() {
        HttpClient client = vertx.createHttpClient(options, pool);
        all.add(client);
        return client;
    }

    /** The calling event loop's client (created on first use); off an event loop, one shared client. */
    public HttpClient client() {
        return Context.isOnEventLoopThread() ? perLoop.get() : shared;
    }

    public void close() {
        all.forEach(HttpClient::close);
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean ssl() {
        return ssl;
    }

    public UpstreamBreaker breaker() {
        return breaker;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }
}
