package dev.lexguard.identity.keycloak;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Keycloak provisioning and single sign-on (issue 10). */
@ConfigMapping(prefix = "lexguard.identity.keycloak")
public interface KeycloakConfig {

    /**
     * Where Keycloak sends the browser after sign-in: the web app's SSO page, which posts {@code code} and
     * {@code state} to {@code /api/v1/auth/sso/callback}. Registered on the OIDC client at connect.
     */
    String redirectUri();

    /** The client id of the OIDC client LexGuard creates in each firm's realm for sign-in. */
    @WithDefault("lexguard")
    String signInClientId();

    /** The Keycloak group under which the firm's LexGuard groups are mirrored. */
    @WithDefault("LexGuard")
    String rootGroupName();

    /** Plain-HTTP Keycloak URLs are refused unless this is set (development and tests on 127.0.0.1). */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Host names and CIDR blocks (127.0.0.0/8, 10.20.0.0/16, fd00::/8) an administrator's Keycloak URL may reach
     * although they are not public addresses: set by the operator for an internal Keycloak, and in development and
     * tests for the one on 127.0.0.1. Empty: public addresses only.
     */
    Optional<List<String>> allowedHosts();

    @WithDefault("PT5S")
    Duration connectTimeout();

    @WithDefault("PT15S")
    Duration readTimeout();

    /** How long an SSO sign-in may take between start and callback. */
    @WithDefault("PT5M")
    Duration ssoRequestLifetime();

    /** Allowed clock difference when checking an ID token's iat and exp. */
    @WithDefault("PT30S")
    Duration clockSkew();

    /**
     * Where the owner trusts Keycloak's second factor: how long ago Keycloak may have checked it (the ID token's
     * auth_time) for it to stand in for LexGuard's at a sign-on.
     */
    @WithDefault("PT1H")
    Duration trustedSecondFactorMaxAge();

    Worker worker();

    interface Worker {
        /** How often the provisioning queue is looked at. */
        @WithDefault("2s")
        String every();

        @WithDefault("20")
        int batchSize();

        /** How long a claimed job is reserved for the worker that claimed it. */
        @WithDefault("PT2M")
        Duration lease();

        /** First retry delay; doubled for each failed attempt up to {@link #maxBackoff()}. */
        @WithDefault("PT2S")
        Duration initialBackoff();

        @WithDefault("PT10M")
        Duration maxBackoff();

        /** How often every connected firm is reconciled. */
        @WithDefault("6h")
        String reconcileEvery();

        /** Done jobs are deleted after this long. */
        @WithDefault("P7D")
        Duration keepDone();
    }
}
