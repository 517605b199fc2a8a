package dev.lexguard.console;

import dev.lexguard.devstack.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The console's tests run against the real PostgreSQL (database {@code console}); the console uses no Kafka topic. */
@QuarkusTestResource(value = DevStackResource.class, initArgs = {
    @ResourceArg(name = "database", value = "console"),
    @ResourceArg(name = "kafkaPrincipal", value = "console"),
    @ResourceArg(name = "kafkaWrites", value = ""),
    @ResourceArg(name = "kafkaReads", value = "")})
public final class ConsoleDevStack {

    private ConsoleDevStack() {
    }
}
