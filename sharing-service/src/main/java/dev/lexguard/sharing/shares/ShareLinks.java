package dev.lexguard.sharing.shares;

import dev.lexguard.sharing.SharingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.UUID;

/**
 * The public links of a share, for mailers: they lead to the firm user's authenticated API through the gateway, so
 * they carry no token; whoever follows one signs in as usual and the usual rules (ethical walls included) apply.
 */
@ApplicationScoped
public class ShareLinks {

    private final String base;

    public ShareLinks(SharingConfig config) {
        String url = config.publicBaseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code GET}: the share. */
    public URI share(UUID shareId) {
        return URI.create(base + "/api/v1/shares/" + shareId);
    }

    /** {@code POST} without a body: extends the share by the default expiry of its contact's kind. */
    public URI extend(UUID shareId) {
        return URI.create(base + "/api/v1/shares/" + shareId + "/extend");
    }
}
