package dev.lexguard.feed;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real PostgreSQL (database {@code feed}) and Kafka. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "feed"))
public final class FeedDevStack {

    private FeedDevStack() {
    }
}
