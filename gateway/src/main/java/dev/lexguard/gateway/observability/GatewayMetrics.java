package dev.lexguard.gateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics per route and upstream ({@code /q/metrics}):
 * {@code lexguard_gateway_requests_seconds{route,upstream,method,status}},
 * {@code lexguard_gateway_rejections_total{route,reason}},
 * {@code lexguard_gateway_upstream_failures_total{upstream,kind}},
 * {@code lexguard_gateway_upstream_retries_total{upstream}}. Meters are cached: the label sets are bounded
 * (routes and upstreams come from the routing table, never from the request).
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(String route, String upstream, String method, int status, long nanos) {
        TimerKey key = new TimerKey(route, upstream, method, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("lexguard.gateway.requests")
                    .description("Requests answered by the gateway, by route, upstream, method and status")
                    .tags("route", route, "upstream", upstream, "method", method, "status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void rejection(String route, String reason) {
        counter("lexguard.gateway.rejections", "route", route, "reason", reason).increment();
    }

    public void upstreamFailure(String upstream, String kind) {
        counter("lexguard.gateway.upstream.failures", "upstream", upstream, "kind", kind).increment();
    }

    public void retry(String upstream) {
        counter("lexguard.gateway.upstream.retries", "upstream", upstream).increment();
    }

    /** One request timer's labels (a record: no key string built for every request). */
    private record TimerKey(String route, String upstream, String method, int status) {
    }

    private Counter counter(String name, String... tags) {
        String key = name + '|' + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
