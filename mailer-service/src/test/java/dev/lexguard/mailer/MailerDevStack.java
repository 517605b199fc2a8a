package dev.lexguard.mailer;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real PostgreSQL (database {@code mailer}), Kafka and an SMTP server. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "mailer"))
@QuarkusTestResource(SmtpServer.class)
public final class MailerDevStack {

    private MailerDevStack() {
    }
}
