package dev.lexguard.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared defaults file, read the way SmallRye Config reads it in a service. */
class WebConfigTest {

    private static SmallRyeConfig build(String profile, Map<String, String> overrides) throws IOException {
        URL defaults = WebConfigTest.class.getClassLoader().getResource("META-INF/microprofile-config.properties");
        assertNotNull(defaults);
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(defaults, 100))
                .withSources(new PropertiesConfigSource(overrides, "service application.properties", 250))
                .withMapping(WebConfig.class)
                .build();
    }

    @Test
    void prodRefusesToStartWithoutACursorSecret() {
        Exception e = assertThrows(RuntimeException.class, () -> build("prod", Map.of()));
        assertTrue(e.getMessage().contains("lexguard.web.cursor-secret"), e.getMessage());
    }

    @Test
    void prodStartsWithACursorSecretAndDefaultAudiences() throws IOException {
        WebConfig config = build("prod", Map.of("lexguard.web.cursor-secret", "x".repeat(40)))
                .getConfigMapping(WebConfig.class);
        assertEquals("lexguard-api", config.audience().api());
        assertEquals("lexguard-portal", config.audience().portal());
    }

    @Test
    void devAndTestHaveADefaultSecret() throws IOException {
        for (String profile : new String[] {"dev", "test"}) {
            WebConfig config = build(profile, Map.of()).getConfigMapping(WebConfig.class);
            assertTrue(config.cursorSecret().length() >= 32, profile);
        }
    }

    @Test
    void aServicesApplicationPropertiesOverridesTheSharedDefaults() throws IOException {
        SmallRyeConfig config = build("prod", Map.of("lexguard.web.cursor-secret", "x".repeat(40),
                "quarkus.http.limits.max-body-size", "5M"));
        assertEquals("5M", config.getRawValue("quarkus.http.limits.max-body-size"));
        assertEquals("true", config.getRawValue("quarkus.log.console.json.enabled"));
    }

    @Test
    void jsonLogsAreOffInDevAndTest() throws IOException {
        assertEquals("false", build("dev", Map.of()).getRawValue("quarkus.log.console.json.enabled"));
        assertEquals("false", build("test", Map.of()).getRawValue("quarkus.log.console.json.enabled"));
    }
}
