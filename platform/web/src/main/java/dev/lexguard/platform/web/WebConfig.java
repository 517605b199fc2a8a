package dev.lexguard.platform.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * Settings shared by every service's HTTP layer ({@code lexguard.web.*}).
 */
@ConfigMapping(prefix = "lexguard.web")
public interface WebConfig {

    /** Audiences that tell a firm user's token from a portal contact's token. */
    Audiences audience();

    /**
     * Key for the HMAC that authenticates paging cursors. Required in prod (no default there);
     * dev and test get a fixed default from this module's microprofile-config.properties.
     */
    @NotBlank
    @Size(min = 32, message = "must be at least 32 characters")
    String cursorSecret();

    /** Risky acts (changing the two-factor policy, ending every session ...) need a fresh second factor. */
    StepUp stepUp();

    interface StepUp {
        /** How long ago a second factor may have been proven for a risky act: RFC 9470's {@code max_age}. */
        @WithDefault("PT10M")
        Duration maxAge();
    }

    interface Audiences {
        /** The audience of tokens issued to firm users. */
        @WithDefault("lexguard-api")
        String api();

        /** The audience of tokens issued to portal contacts (clients, co-counsel). */
        @WithDefault("lexguard-portal")
        String portal();
    }
}
