package dev.lexguard.platform.events.tracing;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the OpenTelemetry SDK off ({@code quarkus.otel.sdk.disabled=true}) unless an OTLP endpoint is configured
 * ({@code LEXGUARD_OTEL_ENDPOINT}, read as {@code quarkus.otel.exporter.otlp.endpoint}), so a service without a
 * collector neither records spans nor logs failed exports. Its ordinal is below every file's: a service or a test that
 * sets {@code quarkus.otel.sdk.disabled} itself decides.
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final int ORDINAL = 50;
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String endpoint = resolve(context, context.getValue(ENDPOINT));
        boolean configured = endpoint != null && !endpoint.isBlank();
        return List.of(new MapBackedConfigSource("lexguard-tracing-switch", Map.of(SDK_DISABLED, Boolean.toString(!configured)),
                ORDINAL) {
        });
    }

    /** A factory sees values unexpanded: {@code ${NAME:fallback}} (platform/events' default) is looked up here. */
    private static String resolve(ConfigSourceContext context, ConfigValue value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        Matcher expression = EXPRESSION.matcher(value.getValue());
        if (!expression.matches()) {
            return value.getValue();
        }
        ConfigValue named = context.getValue(expression.group(1));
        return named != null && named.getValue() != null ? named.getValue() : expression.group(2);
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
