package dev.lexguard.gateway.routing;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream service: its instances (one, or several replicas taken in turn), its connection pools, its circuit
 * breaker and its limits. The pools are not tied to an instance: a client connects to whichever instance a request
 * is sent to. Each event loop has its own
 * client, created on that loop, so a request read on a loop is forwarded on a connection owned by the same loop:
 * no hand-off between threads on the way to the service and back (with one shared pool, a request read on one loop
 * often got a connection of another and every read and write crossed threads).
 */
public final class Upstream {

    private final String name;
    private final List<UpstreamInstance> instances;
    private final AtomicInteger turn = new AtomicInteger();
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

    public Upstream(String name, List<UpstreamInstance> instances, boolean ssl, Vertx vertx, HttpClientOptions options,
            PoolOptions pool, UpstreamBreaker breaker, long timeoutMillis, long connectTimeoutMillis, long maxBodyBytes) {
        this.name = name;
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("upstream " + name + " has no instance");
        }
        this.instances = List.copyOf(instances);
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

    /** The next instance in turn that is not marked down; when all are, the next in turn all the same. */
    public UpstreamInstance next() {
        int size = instances.size();
        if (size == 1) {
            return instances.get(0);
        }
        int start = Math.floorMod(turn.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            UpstreamInstance instance = instances.get((start + i) % size);
            if (!instance.isDown()) {
                return instance;
            }
        }
        return instances.get(start);
    }

    /**
     * The first instance after the last of {@code tried} (in the list's order) that was not tried and is not marked
     * down, or null when there is none. The turn is not advanced: a retry does not shift the spreading.
     */
    UpstreamInstance after(List<UpstreamInstance> tried) {
        int size = instances.size();
        int last = instances.indexOf(tried.get(tried.size() - 1));
        for (int i = 1; i < size; i++) {
            UpstreamInstance instance = instances.get((last + i) % size);
            if (!tried.contains(instance) && !instance.isDown()) {
                return instance;
            }
        }
        return null;
    }

    public int instanceCount() {
        return instances.size();
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
