package dev.lexguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.KafkaAccess;
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
 * environment variables it reads, and the Kafka topics are the ones the services use. The Kafka cluster signs every
 * client in and authorizes every request, and its KafkaUsers are exactly the principals and ACLs of the access matrix
 * ({@link KafkaAccess}), each service signing in as its own.
 */
class KubernetesManifestsTest {

    private static final Path K8S = ServiceModule.ROOT.resolve("deploy/k8s");
    private static final String KAFKA_CLUSTER = "lexguard";
    private static final int KAFKA_PORT = 9093;
    private static final String KAFKA_CA_DIRECTORY = "/etc/lexguard/kafka-ca";
    static final List<ServiceModule> SERVICES = ServiceModule.all();

    static List<ObjectNode> overlay(String name) {
        return Kustomize.render(K8S.resolve("overlays").resolve(name));
    }

    static List<ObjectNode> ofKind(List<ObjectNode> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    static Optional<ObjectNode> named(List<ObjectNode> resources, String kind, String name) {
        return ofKind(resources, kind).stream().filter(r -> name.equals(r.path("metadata").path("name").asText())).findFirst();
    }

    /** The one lexguard-config ConfigMap, generated with the hash of its content in its name. */
    static ObjectNode lexguardConfig(List<ObjectNode> resources) {
        List<ObjectNode> configs = ofKind(resources, "ConfigMap").stream()
                .filter(r -> r.path("metadata").path("name").asText().matches("lexguard-config-[a-z0-9]{10}")).toList();
        assertThat(configs).as("generated lexguard-config ConfigMaps").hasSize(1);
        return configs.get(0);
    }

    static JsonNode container(ObjectNode deployment) {
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
            soft.assertThat(pod.path("securityContext").path("runAsUser").asInt()).as("%s runs as the images' user", service.name())
                    .isEqualTo(10001);
            if ("dev".equals(overlay)) {
                soft.assertThat(container.path("image").asText()).as("%s runs the image deploy/images/build makes", service.name())
                        .isEqualTo("lexguard/" + service.name() + ":" + DevStack.imageTag());
            }
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
        JsonNode config = lexguardConfig(resources).path("data");
        String configName = lexguardConfig(resources).path("metadata").path("name").asText();
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
                    soft.assertThat(configKey.path("name").asText()).as("%s reads the ConfigMap by its generated name", service.name())
                            .isEqualTo(configName);
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

    /** The Secrets Strimzi's operators create: one per KafkaUser (its password) and the cluster CA's certificate. */
    private static Set<String> strimziSecrets(List<ObjectNode> resources) {
        Set<String> names = new TreeSet<>();
        ofKind(resources, "KafkaUser").forEach(user -> names.add(user.path("metadata").path("name").asText()));
        ofKind(resources, "Kafka").forEach(kafka -> names.add(kafka.path("metadata").path("name").asText() + "-cluster-ca-cert"));
        return names;
    }

    @Test
    void everySecretTheDeploymentsReferToExistsInDevAndIsDocumentedForProduction() throws IOException {
        List<ObjectNode> dev = overlay("dev");
        Set<String> madeByStrimzi = strimziSecrets(dev);
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
                soft.assertThat(readme).as("deploy/README.md documents Secret %s", secretName).contains("`" + secretName + "`");
                if (madeByStrimzi.contains(secretName)) {
                    continue;
                }
                Optional<ObjectNode> secret = named(dev, "Secret", secretName);
                soft.assertThat(secret).as("dev Secret %s", secretName).isPresent();
                if (reference.has("key")) {
                    secret.ifPresent(s -> soft.assertThat(s.path("stringData").has(reference.path("key").asText()))
                            .as("Secret %s has %s", secretName, reference.path("key").asText()).isTrue());
                }
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
            used.addAll(service.writtenTopics());
        }
        for (String overlay : List.of("dev", "prod")) {
            Set<String> declared = ofKind(overlay(overlay), "KafkaTopic").stream()
                    .map(t -> t.path("spec").path("topicName").asText()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(declared).as("%s KafkaTopics", overlay).isEqualTo(used);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicOfTheAccessMatrixIsAKafkaTopicOfTheCluster(String overlay) {
        List<ObjectNode> topics = ofKind(overlay(overlay), "KafkaTopic");
        Set<String> declared = topics.stream().map(t -> t.path("spec").path("topicName").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).containsAll(KafkaAccess.topics());
        assertThat(topics).allSatisfy(t -> assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .as("cluster of KafkaTopic %s", t.path("metadata").path("name").asText()).isEqualTo(KAFKA_CLUSTER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theKafkaClusterSignsEveryClientInWithScramOverTlsAndAuthorizesEveryRequest(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        assertThat(ofKind(resources, "Kafka")).hasSize(1);
        ObjectNode kafka = named(resources, "Kafka", KAFKA_CLUSTER).orElseThrow(() -> new AssertionError("no Kafka " + KAFKA_CLUSTER));
        assertThat(kafka.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        JsonNode spec = kafka.path("spec").path("kafka");
        assertThat(spec.path("listeners")).as("listeners").isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("listener %s uses TLS", listener.path("name").asText()).isTrue();
            assertThat(listener.path("authentication").path("type").asText())
                    .as("listener %s authentication", listener.path("name").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(StreamSupport.stream(spec.path("listeners").spliterator(), false)
                .anyMatch(l -> l.path("port").asInt() == KAFKA_PORT && "internal".equals(l.path("type").asText())))
                .as("an internal listener on %d", KAFKA_PORT).isTrue();
        assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(spec.path("authorization").path("superUsers")).as("super users").isEmpty();
        assertThat(spec.path("config").path("allow.everyone.if.no.acl.found").asText("false")).isEqualTo("false");
        assertThat(spec.path("config").path("auto.create.topics.enable").asText()).isEqualTo("false");
        if ("prod".equals(overlay)) {
            assertThat(spec.path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
            assertThat(spec.path("config").path("default.replication.factor").asInt()).isEqualTo(3);
        }
        assertThat(kafka.path("spec").path("entityOperator").has("userOperator")).as("the User Operator makes the KafkaUsers' Secrets").isTrue();
        List<ObjectNode> pools = ofKind(resources, "KafkaNodePool");
        assertThat(pools).isNotEmpty().allSatisfy(pool -> assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                .isEqualTo(KAFKA_CLUSTER));
        Set<String> roles = new TreeSet<>();
        pools.forEach(pool -> pool.path("spec").path("roles").forEach(role -> roles.add(role.asText())));
        assertThat(roles).containsExactly("broker", "controller");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPrincipalOfTheAccessMatrixHasAScramKafkaUserWithExactlyItsAcls(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        SoftAssertions soft = new SoftAssertions();
        for (KafkaAccess.Principal principal : KafkaAccess.PRINCIPALS) {
            Optional<ObjectNode> user = named(resources, "KafkaUser", principal.name());
            soft.assertThat(user).as("KafkaUser %s", principal.name()).isPresent();
            user.ifPresent(u -> {
                soft.assertThat(u.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                        .as("%s's cluster", principal.name()).isEqualTo(KAFKA_CLUSTER);
                soft.assertThat(u.path("spec").path("authentication").path("type").asText())
                        .as("%s signs in with", principal.name()).isEqualTo("scram-sha-512");
                soft.assertThat(u.path("spec").path("authorization").path("type").asText())
                        .as("%s's authorization", principal.name()).isEqualTo("simple");
                Set<KafkaGrant> grants = grants(u);
                soft.assertThat(grants).as("%s's ACLs", principal.name()).filteredOn(KafkaGrant::wildcard).isEmpty();
                soft.assertThat(grants).as("%s's ACLs", principal.name()).isEqualTo(KafkaGrant.ofMatrix(principal));
            });
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noKafkaUserExistsBesidesThePrincipalsOfTheAccessMatrix(String overlay) {
        Set<String> users = ofKind(overlay(overlay), "KafkaUser").stream().map(u -> u.path("metadata").path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> principals = KafkaAccess.PRINCIPALS.stream().map(KafkaAccess.Principal::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(users).isEqualTo(principals);
    }

    @Test
    void noKafkaUserMayJoinTheConsumerGroupsOfAnother() {
        List<KafkaGrant> groups = ofKind(overlay("prod"), "KafkaUser").stream().flatMap(u -> grants(u).stream())
                .filter(g -> "group".equals(g.resourceType())).toList();
        SoftAssertions soft = new SoftAssertions();
        for (KafkaGrant grant : groups) {
            for (KafkaGrant other : groups) {
                if (!grant.principal().equals(other.principal())) {
                    soft.assertThat(other.resource().startsWith(grant.resource()))
                            .as("%s's groups (%s*) include %s's (%s*)", grant.principal(), grant.resource(), other.principal(), other.resource())
                            .isFalse();
                }
            }
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSignsInToKafkaAsItsOwnKafkaUser(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        JsonNode config = lexguardConfig(resources).path("data");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES) {
            Optional<ObjectNode> deployment = named(resources, "Deployment", service.name());
            if (deployment.isEmpty() || !service.usesKafka()) {
                continue;
            }
            Map<String, JsonNode> env = new TreeMap<>();
            container(deployment.get()).path("env").forEach(e -> env.put(e.path("name").asText(), e));
            soft.assertThat(KafkaAccess.principal(service.name())).as("%s is a principal of KafkaAccess", service.name()).isPresent();
            soft.assertThat(named(resources, "KafkaUser", service.name())).as("KafkaUser %s", service.name()).isPresent();
            soft.assertThat(value(env.get("LEXGUARD_KAFKA_USERNAME"), config)).as("%s's Kafka user", service.name())
                    .isEqualTo(service.name());
            JsonNode password = env.getOrDefault("LEXGUARD_KAFKA_PASSWORD", MissingNode.getInstance()).path("valueFrom").path("secretKeyRef");
            soft.assertThat(password.path("name").asText()).as("%s's Kafka password comes from the Secret of KafkaUser", service.name())
                    .isEqualTo(service.name());
            soft.assertThat(password.path("key").asText()).as("%s's Kafka password key", service.name()).isEqualTo("password");
            soft.assertThat(value(env.get("LEXGUARD_KAFKA_SECURITY_PROTOCOL"), config)).as("%s's Kafka protocol", service.name())
                    .isEqualTo("SASL_SSL");
            soft.assertThat(value(env.get("LEXGUARD_KAFKA_BOOTSTRAP_SERVERS"), config)).as("%s's Kafka bootstrap", service.name())
                    .isEqualTo(KAFKA_CLUSTER + "-kafka-bootstrap:" + KAFKA_PORT);
            String truststore = value(env.get("LEXGUARD_KAFKA_TRUSTSTORE"), config);
            soft.assertThat(truststore).as("%s's Kafka truststore", service.name()).isEqualTo(KAFKA_CA_DIRECTORY + "/ca.crt");
            JsonNode mount = StreamSupport.stream(container(deployment.get()).path("volumeMounts").spliterator(), false)
                    .filter(m -> KAFKA_CA_DIRECTORY.equals(m.path("mountPath").asText())).findFirst().orElse(MissingNode.getInstance());
            soft.assertThat(mount.path("readOnly").asBoolean()).as("%s mounts the cluster CA read-only", service.name()).isTrue();
            JsonNode volume = StreamSupport.stream(deployment.get().path("spec").path("template").path("spec").path("volumes").spliterator(), false)
                    .filter(v -> v.path("name").asText().equals(mount.path("name").asText())).findFirst().orElse(MissingNode.getInstance());
            soft.assertThat(volume.path("secret").path("secretName").asText()).as("%s's CA volume", service.name())
                    .isEqualTo(KAFKA_CLUSTER + "-cluster-ca-cert");
            soft.assertThat(volume.path("secret").path("items").findValuesAsText("key")).as("%s's CA volume keys", service.name())
                    .containsExactly("ca.crt");
        }
        soft.assertAll();
    }

    @Test
    void theAccessMatrixLetsEveryServiceDoWhatItsConfigurationDoes() {
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES.stream().filter(ServiceModule::usesKafka).toList()) {
            Optional<KafkaAccess.Principal> principal = KafkaAccess.principal(service.name());
            soft.assertThat(principal).as("principal %s", service.name()).isPresent();
            principal.ifPresent(p -> {
                soft.assertThat(p.reads()).as("%s may read what it consumes", service.name()).containsAll(service.consumedTopics());
                soft.assertThat(p.writes()).as("%s may write what it produces", service.name()).containsAll(service.writtenTopics());
                soft.assertThat(service.consumerGroups()).as("%s's consumer groups", service.name())
                        .allSatisfy(group -> assertThat(group).startsWith(p.groupPrefix()));
            });
        }
        soft.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kafkaPasswordsAreGeneratedByStrimziAndNeverCommitted(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        Set<String> committed = ofKind(resources, "Secret").stream().map(s -> s.path("metadata").path("name").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(committed).as("Secrets Strimzi makes").doesNotContainAnyElementsOf(strimziSecrets(resources));
        assertThat(ofKind(resources, "KafkaUser")).allSatisfy(user -> assertThat(user.path("spec").path("authentication").has("password"))
                .as("KafkaUser %s brings its own password", user.path("metadata").path("name").asText()).isFalse());
    }

    @Test
    void servicesReachTheKafkaListenerAndStrimzisPodsKeepTheirOwnNetworkPolicies() {
        List<ObjectNode> resources = overlay("prod");
        boolean egress = ofKind(resources, "NetworkPolicy").stream()
                .filter(p -> "lexguard".equals(p.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/part-of").asText()))
                .flatMap(p -> StreamSupport.stream(p.path("spec").path("egress").spliterator(), false))
                .anyMatch(rule -> KAFKA_CLUSTER.equals(rule.path("to").path(0).path("podSelector").path("matchLabels").path("strimzi.io/cluster").asText())
                        && rule.path("ports").findValuesAsText("port").contains(String.valueOf(KAFKA_PORT)));
        assertThat(egress).as("LexGuard's pods may reach the Kafka pods on %d", KAFKA_PORT).isTrue();
        // Strimzi copies this label to the pods it makes, and LexGuard's default deny would then cut them off
        for (String kind : List.of("Kafka", "KafkaNodePool")) {
            assertThat(ofKind(resources, kind)).allSatisfy(r -> assertThat(r.path("metadata").path("labels").has("app.kubernetes.io/part-of"))
                    .as("%s %s is labelled part-of", kind, r.path("metadata").path("name").asText()).isFalse());
        }
    }

    /** The ACLs of a KafkaUser, one grant per operation; a deny rule or a host other than any would be an extra. */
    private static Set<KafkaGrant> grants(JsonNode user) {
        String name = user.path("metadata").path("name").asText();
        Set<KafkaGrant> grants = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String kind = acl.path("type").asText("allow");
            String host = acl.path("host").asText("*");
            List<String> operations = new ArrayList<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            if (acl.has("operation")) {
                operations.add(acl.path("operation").asText());
            }
            for (String operation : operations) {
                String qualified = "allow".equals(kind) && "*".equals(host) ? operation : kind + ":" + operation + "@" + host;
                grants.add(new KafkaGrant(name, qualified, resource.path("type").asText(), resource.path("patternType").asText("literal"),
                        resource.path("name").asText()));
            }
        }
        return grants;
    }

    /** An environment variable's value, literal or from lexguard-config; null when the variable is not set. */
    static String value(JsonNode env, JsonNode config) {
        if (env == null) {
            return null;
        }
        if (env.has("value")) {
            return env.path("value").asText();
        }
        JsonNode key = env.path("valueFrom").path("configMapKeyRef");
        return key.isMissingNode() ? null : config.path(key.path("key").asText()).asText(null);
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
        // the services behind the gateway: those whose address the gateway reads (mailer-service serves no API)
        Set<String> gatewayReads = SERVICES.stream().filter(s -> "gateway".equals(s.name())).findFirst().orElseThrow()
                .environmentReferences();
        Set<String> internal = SERVICES.stream().map(ServiceModule::name).filter(n -> !"gateway".equals(n))
                .filter(n -> gatewayReads.contains("LEXGUARD_" + n.replace("-service", "").toUpperCase() + "_URL"))
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
            // the autoscaler owns the count: one in the Deployment would undo its scaling on every apply
            soft.assertThat(deployment.path("spec").has("replicas")).as("%s has no replica count of its own", name).isFalse();
            soft.assertThat(named(resources, "HorizontalPodAutoscaler", name)).as("%s HPA", name)
                    .hasValueSatisfying(hpa -> {
                        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(name);
                        assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
                    });
            // each service spreads its own pods over nodes and zones, not the system's pods as one group
            JsonNode spread = deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints");
            List<String> keys = new ArrayList<>();
            spread.forEach(constraint -> {
                keys.add(constraint.path("topologyKey").asText());
                soft.assertThat(constraint.path("matchLabelKeys").toString()).as("%s spread per service", name)
                        .isEqualTo("[\"app.kubernetes.io/name\"]");
            });
            soft.assertThat(keys).as("%s spread", name).containsExactlyInAnyOrder("kubernetes.io/hostname",
                    "topology.kubernetes.io/zone");
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
    void anOverlayBringsItsNamespaceAndEveryPodWaitsBeforeItStops(String overlay) {
        List<ObjectNode> resources = overlay(overlay);
        String namespace = "dev".equals(overlay) ? "lexguard-dev" : "lexguard";
        assertThat(ofKind(resources, "Namespace")).singleElement().satisfies(ns -> {
            assertThat(ns.path("metadata").path("name").asText()).isEqualTo(namespace);
            assertThat(ns.path("metadata").path("labels").path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("baseline");
        });
        SoftAssertions soft = new SoftAssertions();
        for (ObjectNode resource : resources) {
            if (!"Namespace".equals(resource.path("kind").asText())) {
                soft.assertThat(resource.path("metadata").path("namespace").asText()).as("%s namespace",
                        resource.path("metadata").path("name").asText()).isEqualTo(namespace);
            }
        }
        for (ObjectNode deployment : ofKind(resources, "Deployment")) {
            soft.assertThat(container(deployment).path("lifecycle").path("preStop").path("exec").path("command").toString())
                    .as("%s preStop", deployment.path("metadata").path("name").asText()).isEqualTo("[\"sleep\",\"5\"]");
        }
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
