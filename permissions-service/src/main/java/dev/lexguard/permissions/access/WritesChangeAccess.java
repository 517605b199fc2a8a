package dev.lexguard.permissions.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A write request of this replica has committed by the time its response is filtered: mark the caller's firm
 * changed here and now, so the very next check on this replica sees the write without waiting for the database
 * notification (which still reaches every other replica).
 */
public class WritesChangeAccess {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessSnapshotCache cache;
    private final SecurityIdentity identity;

    public WritesChangeAccess(AccessSnapshotCache cache, SecurityIdentity identity) {
        this.cache = cache;
        this.identity = identity;
    }

    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        // Only a successful write changed anything, and only then has the resource already verified the token
        // (so reading the identity here never blocks).
        if (SAFE.contains(request.getMethod()) || response.getStatus() >= 300 || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        Object firm = token.getClaim("firm");
        if (firm != null) {
            try {
                cache.changed(UUID.fromString(firm.toString().replace("\"", "")));
            } catch (IllegalArgumentException notAFirmId) {
                // A token without a usable firm was refused before anything was written.
            }
        }
    }
}
