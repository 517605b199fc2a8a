package dev.lexguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders both overlays and checks them against the services' own configuration: every service module of the root
 * POM has a hardened Deployment with probes and limits, listens where the service listens, gets exactly the
 * environment variables it reads, and the Kafka topics are the ones the services use.
 */
class KubernetesManifestsTest {

    private static final Path K8S = ServiceModule.ROOT.resolve("deploy/k8s");
    private static final List<ServiceModule> SERVICES = ServiceModule.all();

    private static List<ObjectNode> overlay(String name) {
        return Kustomize.render(K8S.resolve("overlays").resolve(name));
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    private static Optional<ObjectNode> named(List<ObjectNode> resources, String kind, String name) {
        return ofKind(resources, kind).stream().filter(r -> name.equals(r.path("metadata").path("name").asText())).findFirst();
    }

    private static JsonNode container(ObjectNode deployment) {
        return deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }

    @Test
    void theRootPomHasServicesToDeploy() {
        assertThat(SERVICES).extracting(ServiceModule::name).contains("identity-service", "permissions-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasAHardenedDeploymentWithProbesAndLimits(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES) {
            Optional<ObjectNode> deployment = named(resources, "Deployment", service.name());
            soft.assertThat(deployment).as("Deployment of %s", service.name()).isPresent();
            if (deployment.isEmpty()) {
                continue;
            }
            JsonNode pod = deployment.get().path("spec").path("template").path("spec");
            JsonNode container = container(deployment.get());
            soft.assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as("%s runAsNonRoot", service.name()).isTrue();
            soft.assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
                    .as("%s read-only root filesystem", service.name()).isTrue();
            soft.assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true))
                    .as("%s no privilege escalation", service.name()).isFalse();
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                soft.assertThat(container.path(probe).path("httpGet").path("path").asText())
                        .as("%s %s", service.name(), probe).startsWith("/q/health/");
                soft.assertThat(container.path(probe).path("httpGet").path("port").asText())
                        .as("%s %s port", service.name(), probe).isEqualTo(service.managementInterface() ? "management" : "http");
            }
            for (String kind : List.of("requests", "limits")) {
                soft.assertThat(container.path("resources").path(kind).has("cpu")).as("%s cpu %s", service.name(), kind).isTrue();
                soft.assertThat(container.path("resources").path(kind).has("memory")).as("%s memory %s", service.name(), kind).isTrue();
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void portsAreTheOnesTheServicesListenOn(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES) {
            named(resources, "Deployment", service.name()).ifPresent(deployment -> {
                soft.assertThat(container(deployment).path("ports").get(0).path("containerPort").asInt())
                        .as("%s containerPort", service.name()).isEqualTo(service.httpPort());
                if (service.managementInterface()) {
                    soft.assertThat(container(deployment).path("ports").get(1).path("containerPort").asInt())
                            .as("%s management port", service.name()).isEqualTo(service.managementPort());
                }
            });
            Optional<ObjectNode> serviceResource = named(resources, "Service", service.name());
            soft.assertThat(serviceResource).as("Service %s", service.name()).isPresent();
            serviceResource.ifPresent(s -> soft.assertThat(s.path("spec").path("ports").get(0).path("port").asInt())
                    .as("%s Service port", service.name()).isEqualTo(service.httpPort()));
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void environmentVariablesAreExactlyTheOnesTheServicesRead(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        JsonNode config = named(resources, "ConfigMap", "lexguard-config").orElseThrow().path("data");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES) {
            Optional<ObjectNode> deployment = named(resources, "Deployment", service.name());
            if (deployment.isEmpty()) {
                continue;
            }
            Set<String> set = new TreeSet<>();
            for (JsonNode env : container(deployment.get()).path("env")) {
                String name = env.path("name").asText();
                set.add(name);
                soft.assertThat(service.reads(name)).as("%s reads %s", service.name(), name).isTrue();
                JsonNode configKey = env.path("valueFrom").path("configMapKeyRef");
                if (!configKey.isMissingNode()) {
                    soft.assertThat(config.has(configKey.path("key").asText()))
                            .as("%s: lexguard-config has key %s", service.name(), configKey.path("key").asText()).isTrue();
                }
            }
            soft.assertThat(set).as("%s sets every variable whose default is for a laptop", service.name())
                    .containsAll(service.requiredVariables());
            soft.assertThat(set).as("%s: paging cursors need their HMAC secret in production", service.name())
                    .contains("LEXGUARD_WEB_CURSOR_SECRET");
        }
        soft.assertAll();
    }

    @Test
    void everySecretTheDeploymentsReferToExistsInDevAndIsDocumentedForProduction() throws IOException {
        List<ObjectNode> dev = overlay("dev");
        String readme = Files.readString(ServiceModule.ROOT.resolve("deploy/README.md"));
        SoftAssertions soft = new SoftAssertions();
        for (ObjectNode deployment : ofKind(dev, "Deployment")) {
            List<JsonNode> references = new ArrayList<>();
            container(deployment).path("env").forEach(env -> references.add(env.path("valueFrom").path("secretKeyRef")));
            deployment.path("spec").path("template").path("spec").path("volumes").forEach(volume -> references.add(volume.path("secret")));
            for (JsonNode reference : references) {
                String secretName = reference.has("secretName") ? reference.path("secretName").asText() : reference.path("name").asText();
                if (secretName.isEmpty()) {
                    continue;
                }
                Optional<ObjectNode> secret = named(dev, "Secret", secretName);
                soft.assertThat(secret).as("dev Secret %s", secretName).isPresent();
                if (reference.has("key")) {
                    secret.ifPresent(s -> soft.assertThat(s.path("stringData").has(reference.path("key").asText()))
                            .as("Secret %s has %s", secretName, reference.path("key").asText()).isTrue());
                }
                soft.assertThat(readme).as("deploy/README.md documents Secret %s", secretName).contains("`" + secretName + "`");
            }
        }
        soft.assertThat(ofKind(overlay("prod"), "Secret")).as("production secrets are never in the repository").isEmpty();
        soft.assertAll();
    }

    @Test
    void kafkaTopicsAreTheOnesTheServicesUse() {
        Set<String> used = new TreeSet<>();
        for (ServiceModule service : SERVICES) {
            used.addAll(service.consumedTopics());
            used.addAll(service.producedTopics());
            used.addAll(service.deadLetterTopics());
        }
        for (String overlay : List.of("dev", "prod")) {
            Set<String> declared = ofKind(overlay(overlay), "KafkaTopic").stream()
                    .map(t -> t.path("spec").path("topicName").asText()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(declared).as("%s KafkaTopics", overlay).isEqualTo(used);
        }
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndOnlyTheGatewayReachesTheServices() {
        List<ObjectNode> resources = overlay("prod");
        List<ObjectNode> ingresses = ofKind(resources, "Ingress");
        assertThat(ingresses).isNotEmpty();
        Set<String> backends = new HashSet<>();
        ingresses.forEach(i -> i.path("spec").path("rules").forEach(rule -> rule.path("http").path("paths")
                .forEach(p -> backends.add(p.path("backend").path("service").path("name").asText()))));
        assertThat(backends).containsExactly("gateway");

        List<ObjectNode> policies = ofKind(resources, "NetworkPolicy");
        ObjectNode deny = policies.stream().filter(p -> !p.path("spec").has("ingress") && !p.path("spec").has("egress"))
                .findFirst().orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy"));
        assertThat(deny.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/part-of").asText())
                .isEqualTo("lexguard");
        Set<String> internal = SERVICES.stream().map(ServiceModule::name).filter(n -> !"gateway".equals(n))
                .collect(Collectors.toCollection(TreeSet::new));
        ObjectNode fromGateway = policies.stream().filter(p -> StreamSupport.stream(p.path("spec").path("ingress").spliterator(), false)
                        .anyMatch(rule -> "gateway".equals(rule.path("from").path(0).path("podSelector").path("matchLabels")
                                .path("app.kubernetes.io/name").asText())))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy admits the gateway"));
        Set<String> selected = new TreeSet<>();
        fromGateway.path("spec").path("podSelector").path("matchExpressions").get(0).path("values")
                .forEach(v -> selected.add(v.asText()));
        assertThat(selected).as("services that take traffic from the gateway").isEqualTo(internal);
    }

    @Test
    void productionAutoscalesEveryDeploymentAndKeepsOneUpDuringDrains() {
        List<ObjectNode> resources = overlay("prod");
        SoftAssertions soft = new SoftAssertions();
        for (ObjectNode deployment : ofKind(resources, "Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            soft.assertThat(deployment.path("spec").path("replicas").asInt()).as("%s replicas", name).isGreaterThanOrEqualTo(2);
            soft.assertThat(named(resources, "HorizontalPodAutoscaler", name)).as("%s HPA", name)
                    .hasValueSatisfying(hpa -> assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(name));
            soft.assertThat(named(resources, "PodDisruptionBudget", name)).as("%s PDB", name)
                    .hasValueSatisfying(pdb -> assertThat(pdb.path("spec").path("selector").path("matchLabels")
                            .path("app.kubernetes.io/name").asText()).isEqualTo(name));
            soft.assertThat(deployment.path("metadata").path("namespace").asText()).isEqualTo("lexguard");
        }
        soft.assertThat(ofKind(overlay("dev"), "HorizontalPodAutoscaler")).isEmpty();
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubectlRendersTheSameManifests(String overlay) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed; the Java renderer's checks above still ran");
        Process process = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(byIdentity(Kustomize.parseAll(yaml))).isEqualTo(byIdentity(overlay(overlay)));
    }

    private static Map<String, JsonNode> byIdentity(List<ObjectNode> resources) {
        Map<String, JsonNode> map = new TreeMap<>();
        resources.forEach(r -> map.put(r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText() + "/"
                + r.path("metadata").path("name").asText(), r));
        return map;
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
