package dev.lexguard.gateway.routing;

import dev.lexguard.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The upstream services from configuration, each with its own HTTP client pool and circuit breaker. */
@ApplicationScoped
public class Upstreams {

    private final Map<String, Upstream> byName;

    public Upstreams(Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        Map<String, Upstream> upstreams = new HashMap<>();
        config.upstreams().forEach((name, settings) -> {
            List<URI> urls = settings.url();
            boolean ssl = "https".equalsIgnoreCase(urls.get(0).getScheme());
            List<UpstreamInstance> instances = new ArrayList<>();
            for (URI url : urls) {
                if (ssl != "https".equalsIgnoreCase(url.getScheme())) {
                    throw new IllegalStateException("lexguard.gateway.upstreams." + name
                            + ".url mixes http and https instances");
                }
                int port = url.getPort() > 0 ? url.getPort() : (ssl ? 443 : 80);
                instances.add(new UpstreamInstance(url.getHost(), port, settings.instanceDownFor().toMillis(),
                        System::nanoTime));
            }
            HttpClientOptions options = new HttpClientOptions()
                    .setKeepAlive(true)
                    .setTryUseCompression(false)
                    .setDecompressionSupported(false)
                    .setConnectTimeout((int) settings.connectTimeout().toMillis())
                    .setSsl(ssl);
            PoolOptions pool = new PoolOptions().setHttp1MaxSize(settings.poolSize()).setMaxWaitQueueSize(10_000);
            UpstreamBreaker breaker = new UpstreamBreaker(settings.breaker().maxFailures(),
                    settings.breaker().window().toMillis(), settings.breaker().resetTimeout().toMillis());
            upstreams.put(name, new Upstream(name, instances, ssl, vertx, options, pool, breaker,
                    settings.timeout().toMillis(), settings.connectTimeout().toMillis(),
                    settings.maxBodySize().asLongValue()));
            Gauge.builder("lexguard_gateway_circuit_open", breaker, b -> b.state() == UpstreamBreaker.State.CLOSED ? 0 : 1)
                    .tag("upstream", name)
                    .description("1 while the upstream's circuit breaker is open or half-open")
                    .register(registry);
        });
        List<String> required = new ArrayList<>(RouteTable.owners().values());
        required.add(RouteTable.CONSOLE_UPSTREAM);
        for (String owner : required) {
            if (!upstreams.containsKey(owner)) {
                throw new IllegalStateException("lexguard.gateway.upstreams." + owner + ".url is not configured");
            }
        }
        this.byName = Map.copyOf(upstreams);
    }

    public Optional<Upstream> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, Upstream> all() {
        return byName;
    }

    void stop(@Observes ShutdownEvent event) {
        byName.values().forEach(Upstream::close);
    }
}
