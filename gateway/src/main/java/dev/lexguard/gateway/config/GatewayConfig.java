package dev.lexguard.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from configuration ({@code lexguard.gateway.*}). */
@ConfigMapping(prefix = "lexguard.gateway")
public interface GatewayConfig {

    /** Upstream services by name: identity, permissions, sharing, sessions, feed, and the console's pages. */
    Map<String, Upstream> upstreams();

    /** Per-route overrides, keyed by the first path segment after {@code /api/v1/} (e.g. {@code feed}). */
    Map<String, RouteOverride> routes();

    Tokens tokens();

    Revocation revocation();

    Activity activity();

    RateLimits ratelimit();

    /** Peers whose {@code X-Forwarded-For} is believed (CIDRs, e.g. {@code 10.0.0.0/8}); none by default. */
    @WithName("trusted-proxies")
    Optional<List<String>> trustedProxies();

    ApiDocs apidocs();

    interface Upstream {
        /**
         * Base URL of each instance, e.g. {@code http://identity-service:8081}, or several separated by commas
         * ({@code http://127.0.0.1:8082,http://127.0.0.1:8182}): requests are spread over them in turn.
         */
        List<URI> url();

        /** How long an instance that refused a connection is passed over (when the upstream has several). */
        @WithDefault("5s")
        Duration instanceDownFor();

        /** Time to wait for the upstream's response headers, and the longest gap between body chunks. */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("2s")
        Duration connectTimeout();

        /** Largest request body forwarded to this upstream (with or without Content-Length). */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /** Connections per event loop to this upstream. */
        @WithDefault("100")
        int poolSize();

        Breaker breaker();
    }

    interface Breaker {
        /** Failures (connect errors, timeouts, 502/503/504 answers) within {@link #window()} that open the circuit. */
        @WithDefault("5")
        int maxFailures();

        @WithDefault("10s")
        Duration window();

        /** How long an open circuit refuses requests before one probe is let through. */
        @WithDefault("5s")
        Duration resetTimeout();
    }

    interface RouteOverride {
        Optional<Duration> timeout();

        Optional<MemorySize> maxBodySize();
    }

    interface Tokens {
        @WithDefault("https://identity.lexguard.dev")
        String issuer();

        /** Where the signing keys are; by default identity's {@code /.well-known/jwks.json}. */
        Optional<URI> jwksUrl();

        @WithDefault("lexguard-api")
        String apiAudience();

        @WithDefault("lexguard-portal")
        String portalAudience();

        /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
        @WithDefault("30s")
        Duration leeway();

        /** Shortest interval between two JWKS fetches caused by unknown {@code kid}s. */
        @WithDefault("10s")
        Duration jwksMinRefreshInterval();

        /** Keys are refetched this often even when every {@code kid} is known. */
        @WithDefault("5m")
        Duration jwksRefreshInterval();
    }

    interface Revocation {
        /**
         * The longest an access token lives: identity's {@code lexguard.identity.tokens.access-token-lifetime} (both
         * read {@code LEXGUARD_ACCESS_TOKEN_LIFETIME}). Revocations are remembered this long + {@code tokens.leeway}
         * after they happen, and a token whose {@code exp - iat} exceeds it (+ leeway) is refused.
         */
        @WithDefault("10m")
        Duration tokenLifetime();

        /** Added to the lifetime when choosing how far back to read at start-up. */
        @WithDefault("5m")
        Duration startupMargin();

        @WithDefault("lexguard.sessions.events")
        String sessionsTopic();

        @WithDefault("lexguard.identity.events")
        String identityTopic();

        @WithDefault("100ms")
        Duration pollInterval();
    }

    interface Activity {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("lexguard.gateway.events")
        String topic();

        /** At most one activity event per session per interval. */
        @WithDefault("1m")
        Duration interval();
    }

    interface RateLimits {
        /** Public authentication routes (sign-in, sign-up, refresh, password reset ...), per client IP. */
        Limit publicAuth();

        /** Every other route, per user (firm + subject). */
        Limit user();
    }

    interface Limit {
        @WithDefault("true")
        boolean enabled();

        int requests();

        @WithDefault("1m")
        Duration period();
    }

    interface ApiDocs {
        /** How long the merged OpenAPI document is reused before the services are asked again. */
        @WithDefault("1m")
        Duration cacheFor();
    }
}
