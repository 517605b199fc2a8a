package dev.lexguard.identity.passkeys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The relying party passkeys are bound to ({@code lexguard.identity.webauthn.*}). The browser signs the origin of the
 * page and the authenticator the hash of the rp id, so both must be the web app's public ones (behind the gateway).
 */
@ConfigMapping(prefix = "lexguard.identity.webauthn")
public interface WebAuthnConfig {

    /** The relying party id: the web app's host name (or a registrable suffix of it). */
    @WithDefault("localhost")
    String rpId();

    /** The name authenticators show. */
    @WithDefault("LexGuard")
    String rpName();

    /** The exact origins (scheme, host, port) the web app is served from. */
    @WithDefault("http://localhost:8080")
    List<String> origins();

    /** How long a challenge of creation or request options can be answered. */
    @WithDefault("PT5M")
    Duration challengeLifetime();
}
