package dev.lexguard.permissions;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real PostgreSQL (database {@code permissions}) and Kafka. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "permissions"))
public final class PermissionsDevStack {

    private PermissionsDevStack() {
    }
}
