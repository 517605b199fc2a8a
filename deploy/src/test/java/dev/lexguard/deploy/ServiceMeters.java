package dev.lexguard.deploy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheus.PrometheusNamingConvention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus series the modules' own meters give, read from their main Java source: every meter registered with a
 * literal name ({@code Counter.builder("lexguard.outbox.published")...baseUnit("events")}, {@code registry.counter(...)},
 * {@code Metrics.counter(...)}, a helper {@code counter(...)} of the class), named as the services' registry names it (Micrometer's Prometheus convention: dots as
 * underscores, the base unit and {@code _total} appended, timers in seconds with {@code _count}, {@code _sum},
 * {@code _max} and {@code _bucket}). A name built at run time is not found, so an alert on it fails the check.
 */
final class ServiceMeters {

    private static final Pattern BUILDER = Pattern.compile("\\b(Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
    /** {@code registry.counter("name", ...)}, {@code Metrics.counter(...)}, or a class's own {@code counter("name", ...)}. */
    private static final Pattern SHORTHAND = Pattern.compile("\\b(counter|gauge|timer|summary)\\(\\s*\"([^\"]+)\"\\s*[,)]");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Map<String, Meter.Type> TYPES = Map.of("Counter", Meter.Type.COUNTER, "counter", Meter.Type.COUNTER,
            "Gauge", Meter.Type.GAUGE, "gauge", Meter.Type.GAUGE, "Timer", Meter.Type.TIMER, "timer", Meter.Type.TIMER,
            "DistributionSummary", Meter.Type.DISTRIBUTION_SUMMARY, "summary", Meter.Type.DISTRIBUTION_SUMMARY);
    private static final PrometheusNamingConvention NAMING = new PrometheusNamingConvention();

    private ServiceMeters() {
    }

    /** The series of every meter registered in the main source of the given modules (paths relative to the root). */
    static Set<String> series(List<Path> modules) {
        Set<String> series = new TreeSet<>();
        for (Path module : modules) {
            Path source = ServiceModule.ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    series.addAll(seriesIn(Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return series;
    }

    static Set<String> seriesIn(String java) {
        Set<String> series = new TreeSet<>();
        Matcher builder = BUILDER.matcher(java);
        while (builder.find()) {
            int register = java.indexOf(".register(", builder.end());
            Matcher unit = BASE_UNIT.matcher(java.substring(builder.end(), register < 0 ? builder.end() : register));
            series.addAll(prometheus(builder.group(2), TYPES.get(builder.group(1)), unit.find() ? unit.group(1) : null));
        }
        Matcher shorthand = SHORTHAND.matcher(java);
        while (shorthand.find()) {
            series.addAll(prometheus(shorthand.group(2), TYPES.get(shorthand.group(1)), null));
        }
        return series;
    }

    private static List<String> prometheus(String name, Meter.Type type, String baseUnit) {
        String base = NAMING.name(name, type, baseUnit);
        return switch (type) {
            case TIMER, DISTRIBUTION_SUMMARY -> List.of(base + "_count", base + "_sum", base + "_max", base + "_bucket");
            default -> List.of(base);
        };
    }
}
