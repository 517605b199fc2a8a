package dev.lexguard.deploy;

import static dev.lexguard.deploy.KubernetesManifestsTest.SERVICES;
import static dev.lexguard.deploy.KubernetesManifestsTest.container;
import static dev.lexguard.deploy.KubernetesManifestsTest.named;
import static dev.lexguard.deploy.KubernetesManifestsTest.ofKind;
import static dev.lexguard.deploy.KubernetesManifestsTest.overlay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Production's monitoring through the Prometheus Operator: every service has exactly one monitor, scraping the port and
 * path its configuration serves metrics on, which Prometheus may reach through LexGuard's NetworkPolicies; every alert
 * and dashboard expression names only series the services' meters (or Quarkus's Micrometer binders) give.
 */
class MonitoringManifestsTest {

    /** A metric name in PromQL: not preceded by a word character or a dot (no duration unit, no number's exponent). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "offset",
            "bool", "and", "or", "unless");
    private static final Set<String> MONITORS = Set.of("ServiceMonitor", "PodMonitor");

    /** A Quarkus Micrometer binder: the property that switches it off, and the services it can run in. */
    private record Binder(String property, Predicate<ServiceModule> runsIn) {

        boolean on() {
            return SERVICES.stream().anyMatch(s -> runsIn.test(s) && !"false".equals(s.properties().get(property)));
        }
    }

    private static final Binder HTTP_SERVER = new Binder("quarkus.micrometer.binder.http-server.enabled", s -> true);
    private static final Binder KAFKA = new Binder("quarkus.micrometer.binder.kafka.enabled", ServiceModule::usesKafka);
    /** The binders' series the alerts and the dashboard use (KafkaClientMetrics: the client's metric group and name). */
    private static final Map<String, Binder> BINDER_SERIES = Map.of(
            "http_server_requests_seconds_count", HTTP_SERVER,
            "http_server_requests_seconds_bucket", HTTP_SERVER,
            "kafka_consumer_fetch_manager_records_lag_max", KAFKA);

    /** The container port a monitor scrapes, resolved through the Service's targetPort for a ServiceMonitor. */
    private static JsonNode scrapedPort(ObjectNode monitor, ObjectNode deployment, List<ObjectNode> resources) {
        JsonNode endpoint = endpoints(monitor).path(0);
        JsonNode target = endpoint.path("port");
        if ("ServiceMonitor".equals(monitor.path("kind").asText())) {
            target = named(resources, "Service", deployment.path("metadata").path("name").asText()).stream()
                    .flatMap(s -> StreamSupport.stream(s.path("spec").path("ports").spliterator(), false))
                    .filter(p -> endpoint.path("port").asText().equals(p.path("name").asText()))
                    .map(p -> p.has("targetPort") ? p.path("targetPort") : p.path("port"))
                    .findFirst().orElse(MissingNode.getInstance());
        }
        JsonNode wanted = target;
        return StreamSupport.stream(container(deployment).path("ports").spliterator(), false)
                .filter(p -> wanted.isNumber() ? p.path("containerPort").asInt() == wanted.asInt()
                        : wanted.asText().equals(p.path("name").asText()))
                .findFirst().orElse(MissingNode.getInstance());
    }

    private static JsonNode endpoints(ObjectNode monitor) {
        return monitor.path("spec").path("ServiceMonitor".equals(monitor.path("kind").asText()) ? "endpoints" : "podMetricsEndpoints");
    }

    /** The monitors that select the service: ServiceMonitors by its Service's labels, PodMonitors by its pods'. */
    private static List<ObjectNode> monitorsOf(ServiceModule service, List<ObjectNode> resources) {
        JsonNode serviceLabels = named(resources, "Service", service.name()).map(s -> s.path("metadata").path("labels"))
                .orElse(MissingNode.getInstance());
        JsonNode podLabels = podLabels(named(resources, "Deployment", service.name()).orElseThrow());
        return resources.stream().filter(r -> MONITORS.contains(r.path("kind").asText()))
                .filter(m -> LabelSelector.selects(m.path("spec").path("selector"),
                        "ServiceMonitor".equals(m.path("kind").asText()) ? serviceLabels : podLabels))
                .toList();
    }

    private static JsonNode podLabels(ObjectNode deployment) {
        return deployment.path("spec").path("template").path("metadata").path("labels");
    }

    @Test
    void everyServiceHasExactlyOneMonitorScrapingWhereItServesMetrics() {
        List<ObjectNode> prod = overlay("prod");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES) {
            ObjectNode deployment = named(prod, "Deployment", service.name()).orElseThrow();
            List<ObjectNode> monitors = monitorsOf(service, prod);
            soft.assertThat(monitors).as("monitors of %s", service.name()).hasSize(1);
            if (monitors.size() != 1) {
                continue;
            }
            ObjectNode monitor = monitors.get(0);
            soft.assertThat(endpoints(monitor)).as("%s: endpoints of its monitor", service.name()).hasSize(1);
            int metricsPort = service.managementInterface() ? service.managementPort() : service.httpPort();
            soft.assertThat(scrapedPort(monitor, deployment, prod).path("containerPort").asInt())
                    .as("%s: the container port its monitor's port %s names", service.name(), endpoints(monitor).path(0).path("port"))
                    .isEqualTo(metricsPort);
            soft.assertThat(endpoints(monitor).path(0).path("path").asText()).as("%s: metrics path", service.name())
                    .isEqualTo(service.metricsPath());
        }
        soft.assertAll();
    }

    @Test
    void prometheusMayReachEveryPortTheMonitorsScrape() {
        List<ObjectNode> prod = overlay("prod");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES) {
            ObjectNode deployment = named(prod, "Deployment", service.name()).orElseThrow();
            for (ObjectNode monitor : monitorsOf(service, prod)) {
                JsonNode port = scrapedPort(monitor, deployment, prod);
                boolean allowed = NetworkPolicyRules.of(prod, "Ingress", deployment)
                        .filter(rule -> NetworkPolicyRules.peers(rule).anyMatch(peer -> peer.has("namespaceSelector")
                                && "prometheus".equals(peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())))
                        .anyMatch(rule -> rule.path("ports").findValuesAsText("port").stream()
                                .anyMatch(p -> p.equals(port.path("name").asText()) || p.equals(port.path("containerPort").asText())));
                soft.assertThat(allowed).as("Prometheus may reach %s's port %s", service.name(), port.path("name").asText()).isTrue();
            }
        }
        soft.assertAll();
    }

    @Test
    void alertsAndTheDashboardNameOnlyMetricsTheServicesRegister() {
        List<ObjectNode> prod = overlay("prod");
        List<String> expressions = new ArrayList<>();
        ofKind(prod, "PrometheusRule").forEach(rule -> expressions.addAll(rule.path("spec").findValuesAsText("expr")));
        assertThat(expressions).as("alert expressions").isNotEmpty();
        List<ObjectNode> dashboards = ofKind(prod, "ConfigMap").stream()
                .filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText())).toList();
        assertThat(dashboards).as("Grafana dashboards").isNotEmpty();
        dashboards.forEach(d -> d.path("data").forEach(json -> expressions.addAll(parseJson(json.asText()).findValuesAsText("expr"))));

        Set<String> known = ServiceMeters.series(ServiceModule.modules());
        BINDER_SERIES.forEach((series, binder) -> {
            if (binder.on()) {
                known.add(series);
            }
        });
        Set<String> named = new TreeSet<>();
        expressions.forEach(expression -> named.addAll(metricNames(expression)));
        assertThat(named).as("metrics the alerts and the dashboard name").isNotEmpty();
        assertThat(named).as("metrics no service registers").isSubsetOf(known);
    }

    @Test
    void theMeterScanNamesSeriesAsThePrometheusRegistryDoes() {
        String java = """
                Gauge.builder("lexguard.outbox.oldest.pending.age", value, AtomicLong::get)
                        .description("Age").baseUnit("seconds").register(registry);
                Counter.builder("lexguard.outbox.published").baseUnit("events").register(registry);
                registry.counter("lexguard.events.consumer.poison", "consumer", consumer).increment();
                Timer.builder("lexguard.gateway.requests").tags("route", route).register(registry);
                registry.counter("lexguard.mailer." + status, "kind", kind).increment();
                counter("lexguard.gateway.rejections", "route", route, "reason", reason).increment();
                """;
        assertThat(ServiceMeters.seriesIn(java)).containsExactlyInAnyOrder("lexguard_outbox_oldest_pending_age_seconds",
                "lexguard_outbox_published_events_total", "lexguard_events_consumer_poison_total", "lexguard_gateway_rejections_total",
                "lexguard_gateway_requests_seconds_count", "lexguard_gateway_requests_seconds_sum",
                "lexguard_gateway_requests_seconds_max", "lexguard_gateway_requests_seconds_bucket");
    }

    @Test
    void promqlMetricNamesAreTheSeriesAnExpressionSelects() {
        assertThat(metricNames("""
                sum by (route) (rate(lexguard_gateway_requests_seconds_count{status=~"5..",route="auth"}[5m])) > 0.05
                  and max without (pod) (up offset 1h) > 1e3 or on(job) group_left(x) histogram_quantile(0.95, a_bucket)
                """)).containsExactlyInAnyOrder("lexguard_gateway_requests_seconds_count", "up", "a_bucket");
    }

    static Set<String> metricNames(String expression) {
        String stripped = LABEL_LIST.matcher(expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String rest = stripped.substring(identifier.end()).stripLeading();
            if (!KEYWORDS.contains(identifier.group()) && !rest.startsWith("(")) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    private static JsonNode parseJson(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a dashboard is not JSON: " + e.getMessage(), e);
        }
    }
}
