package dev.lexguard.gateway.routing;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.http.HttpClient;

/** One upstream service: its connection pool, its circuit breaker and its limits. */
public record Upstream(String name, String host, int port, boolean ssl, HttpClient client, CircuitBreaker breaker,
        long timeoutMillis, long connectTimeoutMillis, long maxBodyBytes) {
}
