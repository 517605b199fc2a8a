package dev.lexguard.gateway.testsupport;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every test of this module runs against the test upstream servers and the devstack's real Kafka (the
 * gateway has no database; the devstack resource needs one name, and the gateway ignores its datasource).
 */
@QuarkusTestResource(TestUpstreams.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = {
        @ResourceArg(name = "database", value = "sessions"), @ResourceArg(name = "kafkaPrincipal", value = "gateway") })
public final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
