package dev.lexguard.identity.twofactor;

import dev.lexguard.identity.IdentityConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The SecretBox sealing TOTP secrets, with the configured keys; a bad or missing key stops the service at start-up. */
public class SecretBoxProducer {

    @Produces
    @Singleton
    SecretBox secretBox(IdentityConfig config) {
        return new SecretBox(config.twoFactor().keys(), config.twoFactor().activeKeyId());
    }
}
