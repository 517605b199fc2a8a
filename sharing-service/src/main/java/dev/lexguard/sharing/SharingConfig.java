package dev.lexguard.sharing;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** {@code lexguard.sharing.*}: the lifecycle sweep and the public address links in events point to. */
@ConfigMapping(prefix = "lexguard.sharing")
public interface SharingConfig {

    /** How often the lifecycle sweep runs (a Quarkus scheduler interval). */
    String sweepInterval();

    /**
     * Where firm users reach the API from outside: the gateway's public address (e.g. https://api.lexguard.example).
     * Links in events ({@code share.expiring}'s {@code shareUrl} and {@code extendUrl}) start with it.
     */
    URI publicBaseUrl();
}
