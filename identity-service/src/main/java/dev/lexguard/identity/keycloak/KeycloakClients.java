package dev.lexguard.identity.keycloak;

import io.quarkus.logging.Log;
import io.vertx.core.net.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * One Keycloak admin client per firm connection (server URL, realm and service account differ per firm), made on
 * first use and replaced when the connection changes. Every client connects through {@link KeycloakEgress}, which
 * resolves the server's name once and checks that very address. The admin client is blocking: call it on a worker
 * thread only.
 */
@ApplicationScoped
public class KeycloakClients {

    private final KeycloakConfig config;
    private final KeycloakAddresses addresses;
    private final KeycloakEgress egress;
    private final Map<UUID, Cached> clients = new ConcurrentHashMap<>();

    public KeycloakClients(KeycloakConfig config, KeycloakAddresses addresses, KeycloakEgress egress) {
        this.config = config;
        this.addresses = addresses;
        this.egress = egress;
    }

    private record Cached(KeycloakTarget target, Keycloak keycloak) {
    }

    /**
     * The admin client for this target, reusing the firm's client while the target stays the same. The server's
     * addresses are checked early on each call (each job, each reconciliation) for a clear answer; the egress checks
     * the address of each connection the client opens.
     */
    public Keycloak forTarget(KeycloakTarget target) {
        addresses.requireAllowed(target.serverUrl());
        Cached cached = clients.compute(target.firmId(), (firm, old) -> {
            if (old != null && old.target().equals(target)) {
                return old;
            }
            if (old != null) {
                old.keycloak().close();
            }
            return new Cached(target, create(target));
        });
        return cached.keycloak();
    }

    /** A client that is not cached: for checking credentials before they are stored. */
    public Keycloak once(KeycloakTarget target) {
        addresses.requireAllowed(target.serverUrl());
        return create(target);
    }

    public void forget(UUID firmId) {
        Cached old = clients.remove(firmId);
        if (old != null) {
            old.keycloak().close();
        }
    }

    private Keycloak create(KeycloakTarget target) {
        Objects.requireNonNull(target, "target");
        ProxyOptions proxy = egress.proxyOptions();
        // applied after the builder's own proxy settings, so no global proxy or non-proxy host list bypasses the egress
        ClientBuilderImpl builder = (ClientBuilderImpl) ClientBuilder.newBuilder();
        builder.followRedirects(false);
        builder.clientOptionsCustomizer(options -> options.setProxyOptions(proxy).setNonProxyHosts(new ArrayList<>()));
        Client http = builder
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        return KeycloakBuilder.builder()
                .serverUrl(target.serverUrl())
                .realm(target.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(target.clientId())
                .clientSecret(target.clientSecret())
                .resteasyClient(http)
                .build();
    }

    @PreDestroy
    void closeAll() {
        clients.values().forEach(cached -> {
            try {
                cached.keycloak().close();
            } catch (RuntimeException e) {
                Log.debugf("closing the Keycloak client of firm %s failed: %s", cached.target().firmId(),
                        e.getClass().getSimpleName());
            }
        });
        clients.clear();
    }
}
