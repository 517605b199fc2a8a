package dev.lexguard.platform.events.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    private static SmallRyeConfig config(Map<String, String> platformDefaults, Map<String, String> application) {
        return config(platformDefaults, application, Map.of());
    }

    private static SmallRyeConfig config(Map<String, String> platformDefaults, Map<String, String> application,
            Map<String, String> environment) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(platformDefaults, "microprofile-config.properties", 100))
                .withSources(new PropertiesConfigSource(application, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new TracingSwitch())
                .build();
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new HashMap<>();
        defaults.put(TracingSwitch.ENDPOINT, "${LEXGUARD_OTEL_ENDPOINT:}");
        return defaults;
    }

    @Test
    void withoutAnEndpointTheSdkIsOff() {
        assertThat(config(defaults(), Map.of()).getValue(TracingSwitch.SDK_DISABLED, Boolean.class)).isTrue();
    }

    @Test
    void theEnvironmentsEndpointTurnsItOn() {
        Map<String, String> environment = Map.of("LEXGUARD_OTEL_ENDPOINT", "http://otel-collector:4318");
        SmallRyeConfig config = config(defaults(), Map.of(), environment);
        assertThat(config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class)).isFalse();
        assertThat(config.getValue(TracingSwitch.ENDPOINT, String.class)).isEqualTo("http://otel-collector:4318");
    }

    @Test
    void anEndpointTurnsItOn() {
        Map<String, String> application = Map.of(TracingSwitch.ENDPOINT, "http://otel-collector:4318");
        assertThat(config(defaults(), application).getValue(TracingSwitch.SDK_DISABLED, Boolean.class)).isFalse();
    }

    @Test
    void aServiceThatSetsTheSwitchItselfDecides() {
        Map<String, String> application = Map.of(TracingSwitch.SDK_DISABLED, "false");
        assertThat(config(defaults(), application).getValue(TracingSwitch.SDK_DISABLED, Boolean.class)).isFalse();
    }
}
