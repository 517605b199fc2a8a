package dev.lexguard.sharing;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real PostgreSQL (database {@code sharing}) and Kafka. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "sharing"))
public final class SharingDevStack {

    private SharingDevStack() {
    }
}
