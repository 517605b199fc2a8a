package dev.lexguard.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Everything the console reads from configuration ({@code lexguard.console.*}). */
@ConfigMapping(prefix = "lexguard.console")
public interface ConsoleConfig {

    /** The gateway: the only API the console calls, as any other frontend would. */
    URI gatewayUrl();

    Cookie cookie();

    Sessions sessions();

    interface Cookie {
        @WithDefault("lexguard_console")
        String name();

        /**
         * Whether the session cookie may go without {@code Secure} when the browser reached the console on a loopback
         * address over plain http (development and tests); never anywhere else.
         */
        @WithDefault("false")
        boolean allowInsecureLoopback();
    }

    interface Sessions {
        /** A console session nobody used for this long ends. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** An anonymous session (the sign-in form, the second step) lives this long. */
        @WithDefault("10m")
        Duration signInTimeout();

        /** The access token is refreshed when it has less than this left. */
        @WithDefault("60s")
        Duration refreshAhead();
    }
}
