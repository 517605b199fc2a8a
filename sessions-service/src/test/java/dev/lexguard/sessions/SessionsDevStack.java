package dev.lexguard.sessions;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real PostgreSQL (database {@code sessions}) and Kafka. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "sessions"))
public final class SessionsDevStack {

    private SessionsDevStack() {
    }
}
