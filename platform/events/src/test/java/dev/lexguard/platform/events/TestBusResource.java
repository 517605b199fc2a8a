package dev.lexguard.platform.events;

import dev.lexguard.devstack.DevStackResource;
import java.util.HashMap;
import java.util.Map;

/**
 * The devstack for this library's own tests: database {@code platform_events} and a Kafka principal {@code test-service}
 * of its own (the test application is service {@code test}), allowed what a LexGuard service is allowed on its topics:
 * write {@code lexguard.test.events} and its dead letters, read {@code lexguard.test.events}, groups {@code test-service*}.
 */
public class TestBusResource extends DevStackResource {

    static final String PRINCIPAL = "test-service";

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.put("database", "platform_events");
        args.put("kafkaPrincipal", PRINCIPAL);
        args.put("kafkaWrites", "lexguard.test.events,lexguard.test.dlq");
        args.put("kafkaReads", "lexguard.test.events");
        super.init(args);
    }
}
