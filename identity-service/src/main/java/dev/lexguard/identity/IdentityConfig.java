package dev.lexguard.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** identity-service settings ({@code lexguard.identity.*}). */
@ConfigMapping(prefix = "lexguard.identity")
public interface IdentityConfig {

    Argon2 argon2();

    HashingPool hashingPool();

    Tokens tokens();

    Links links();

    Throttle throttle();

    Mailer mailer();

    TwoFactor twoFactor();

    /**
     * Keys that seal TOTP secrets at rest (SecretBox, AES-256-GCM): key id to a standard-Base64 32-byte key. All
     * listed keys open stored secrets; the active one seals new ones. No default: production must set them.
     */
    interface TwoFactor {
        Map<String, String> keys();

        String activeKeyId();
    }

    /** Argon2id cost; the defaults are OWASP's minimum (19 MiB, 2 iterations, 1 lane). */
    interface Argon2 {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }

    /** The dedicated password-hashing threads and the bounded queue in front of them. */
    interface HashingPool {
        @WithDefault("2")
        int threads();

        /** Work waiting beyond this answers 429 at once instead of queueing without bound. */
        @WithDefault("64")
        int queueSize();
    }

    interface Tokens {
        @WithDefault("https://identity.lexguard.dev")
        String issuer();

        @WithDefault("lexguard-api")
        String audience();

        /** The audience of portal contacts' tokens (sharing-service's portal API accepts only these). */
        @WithDefault("lexguard-portal")
        String portalAudience();

        /** Absolute lifetime of a portal contact's session (contacts sign in now and then, on any computer). */
        @WithDefault("PT12H")
        Duration portalSessionLifetime();

        @WithDefault("PT10M")
        Duration accessTokenLifetime();

        /** Absolute lifetime of a session: refreshing never extends it past this. */
        @WithDefault("P30D")
        Duration sessionLifetime();

        /** The key that signs new tokens; every key in {@link #keys()} is published and accepted. */
        Optional<String> activeKeyId();

        /** Signing keys by key id: a PEM PKCS#8 RSA private key each. */
        Map<String, SigningKey> keys();

        /** Dev only: with no keys configured, generate one at start (tokens die with the process). */
        @WithDefault("false")
        boolean generateEphemeralKey();
    }

    interface SigningKey {
        /** {@code classpath:...}, a file path or a URL, as smallrye-jwt reads it. */
        String privateKeyLocation();
    }

    interface Links {
        @WithDefault("P7D")
        Duration invitationLifetime();

        @WithDefault("PT30M")
        Duration passwordResetLifetime();

        /** The frontend pages the mailer links to; the token is appended. */
        @WithDefault("https://app.lexguard.dev/invitations/")
        String invitationBase();

        @WithDefault("https://app.lexguard.dev/password-reset/")
        String passwordResetBase();

        /** The client portal's accept page for a contact's invitation; the token is appended. */
        @WithDefault("https://portal.lexguard.dev/invitations/")
        String portalInvitationBase();

        /** The client portal's page that sets a new password with a reset token; the token is appended. */
        @WithDefault("https://portal.lexguard.dev/password-reset/")
        String portalPasswordResetBase();
    }

    interface Throttle {
        Limits account();

        Limits ip();
    }

    interface Limits {
        /** Failures answered without any delay. */
        int freeFailures();

        /** From this many failures on, each further attempt waits {@link #lockDuration()}. */
        int lockAfter();

        Duration lockDuration();

        /** A quiet period after which the counter starts again. */
        Duration forgetAfter();

        /** Consecutive failures after which no further attempt is allowed (0 = none). */
        @WithDefault("0")
        int hardLimit();
    }

    interface Mailer {
        /** Shared key the firm's mailer presents (header X-Mailer-Key) to fetch one-time links. */
        Optional<String> apiKey();
    }
}
