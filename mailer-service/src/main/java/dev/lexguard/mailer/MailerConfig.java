package dev.lexguard.mailer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "lexguard.mailer")
public interface MailerConfig {

    /** The key identity-service expects in X-Mailer-Key (its {@code lexguard.identity.mailer.api-key}). */
    Optional<String> identityKey();

    SmtpRetry smtpRetry();

    /** How often a mail is offered to the SMTP server before it counts as failed (attempts, doubling backoff). */
    interface SmtpRetry {

        @WithDefault("4")
        int attempts();

        @WithDefault("1s")
        Duration backoff();
    }
}
