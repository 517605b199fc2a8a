package dev.lexguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.KafkaAccess;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Compose file (for machines with Docker) runs every service with the variables it reads, and its Kafka has the
 * principals and ACLs of the access matrix ({@link KafkaAccess}): the broker's settings, the credentials
 * {@code kafka/broker.sh} formats the storage with, and the topics and ACLs {@code kafka/init.sh} creates.
 */
class ComposeFileTest {

    private static final Path DIRECTORY = ServiceModule.ROOT.resolve("deploy/compose");
    private static final ObjectNode COMPOSE = Kustomize.readAll(DIRECTORY.resolve("compose.yaml")).get(0);
    private static final Path BROKER_SCRIPT = DIRECTORY.resolve("kafka/broker.sh");
    private static final Path INIT_SCRIPT = DIRECTORY.resolve("kafka/init.sh");
    private static final String PASSWORD_PREFIX = "LEXGUARD_KAFKA_PASSWORD_";
    /** The tag deploy/images/build gives this version's images (the root pom's lexguard.image.tag). */
    private static final String IMAGE_TAG = DevStack.imageTag();

    @Test
    void everyServiceRunsWithExactlyTheVariablesItReads() {
        JsonNode services = COMPOSE.path("services");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : ServiceModule.all()) {
            JsonNode entry = services.path(service.name());
            soft.assertThat(entry.isMissingNode()).as("compose service %s", service.name()).isFalse();
            Set<String> set = new TreeSet<>();
            entry.path("environment").fieldNames().forEachRemaining(set::add);
            // the shared Kafka settings, for the services that merge them in (the console uses no Kafka)
            if (set.remove("<<")) {
                COMPOSE.path("x-service-env").fieldNames().forEachRemaining(set::add);
            }
            for (String name : set) {
                soft.assertThat(service.reads(name)).as("%s reads %s", service.name(), name).isTrue();
            }
            soft.assertThat(set).as("%s sets every variable whose default is for a laptop", service.name())
                    .containsAll(service.requiredVariables());
            soft.assertThat(entry.path("build").isMissingNode()).as("%s runs deploy/images' image, built there", service.name())
                    .isTrue();
            soft.assertThat(entry.path("image").asText()).isEqualTo("lexguard/" + service.name() + ":" + IMAGE_TAG);
            int healthPort = service.managementInterface() ? service.managementPort() : service.httpPort();
            soft.assertThat(entry.path("healthcheck").path("test").toString())
                    .contains("/dev/tcp/127.0.0.1/" + healthPort + " ", "GET /q/health/ready ");
        }
        soft.assertAll();
    }

    @Test
    void everyServiceSignsInToKafkaAsItsOwnPrincipal() {
        JsonNode broker = COMPOSE.path("services").path("kafka").path("environment");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : ServiceModule.all().stream().filter(ServiceModule::usesKafka).toList()) {
            Map<String, String> env = environment(service.name());
            soft.assertThat(KafkaAccess.principal(service.name())).as("%s is a principal of KafkaAccess", service.name()).isPresent();
            soft.assertThat(env.get("LEXGUARD_KAFKA_USERNAME")).as("%s's Kafka user", service.name()).isEqualTo(service.name());
            String ownPassword = broker.path(passwordVariable(service.name())).asText(null);
            soft.assertThat(ownPassword).as("the broker's password of %s", service.name()).isNotBlank();
            soft.assertThat(env.get("LEXGUARD_KAFKA_PASSWORD")).as("%s's Kafka password is its own", service.name()).isEqualTo(ownPassword);
            soft.assertThat(env.get("LEXGUARD_KAFKA_SECURITY_PROTOCOL")).as("%s's Kafka protocol", service.name()).isEqualTo("SASL_PLAINTEXT");
            soft.assertThat(env.get("LEXGUARD_KAFKA_BOOTSTRAP_SERVERS")).as("%s's Kafka bootstrap", service.name()).isEqualTo("kafka:9092");
        }
        soft.assertAll();
    }

    @Test
    void theBrokerHasACredentialForEveryPrincipalAndNoOther() {
        Set<String> users = new TreeSet<>();
        COMPOSE.path("services").path("kafka").path("environment").fieldNames().forEachRemaining(name -> {
            if (name.startsWith(PASSWORD_PREFIX)) {
                users.add(name.substring(PASSWORD_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        });
        Set<String> expected = KafkaAccess.PRINCIPALS.stream().map(KafkaAccess.Principal::name).collect(Collectors.toCollection(TreeSet::new));
        expected.add(KafkaAccess.ADMIN);
        assertThat(users).isEqualTo(expected);
        assertThat(COMPOSE.path("services").path("kafka-init").path("environment").path(passwordVariable(KafkaAccess.ADMIN)).asText())
                .as("kafka-init signs in as the broker's admin")
                .isEqualTo(COMPOSE.path("services").path("kafka").path("environment").path(passwordVariable(KafkaAccess.ADMIN)).asText());
    }

    @Test
    void everyKafkaPasswordIsAMarkedDevelopmentDefaultThatTheEnvironmentReplaces() {
        SoftAssertions soft = new SoftAssertions();
        COMPOSE.path("services").fields().forEachRemaining(service -> service.getValue().path("environment").fields().forEachRemaining(env -> {
            if (env.getKey().startsWith("LEXGUARD_KAFKA_") && env.getKey().contains("PASSWORD")) {
                soft.assertThat(env.getValue().asText()).as("%s %s", service.getKey(), env.getKey())
                        .matches("\\$\\{LEXGUARD_KAFKA_[A-Z_]*PASSWORD[A-Z_]*:-compose-only-kafka-[a-z-]+}");
            }
        }));
        soft.assertAll();
    }

    @Test
    void theBrokerSignsEveryClientInAndRefusesWhatNoAclAllows() throws IOException {
        Properties server = new Properties();
        try (Reader reader = Files.newBufferedReader(DIRECTORY.resolve("kafka/server.properties"))) {
            server.load(reader);
        }
        assertThat(server.getProperty("authorizer.class.name")).isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(server.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        assertThat(Set.of(server.getProperty("super.users").split(";"))).containsExactlyInAnyOrder("User:" + KafkaAccess.ADMIN, "User:controller");
        assertThat(server.getProperty("auto.create.topics.enable")).isEqualTo("false");
        Map<String, String> protocols = new TreeMap<>();
        for (String entry : server.getProperty("listener.security.protocol.map").split(",")) {
            String[] pair = entry.split(":");
            protocols.put(pair[0].trim(), pair[1].trim());
        }
        for (String listener : server.getProperty("listeners").split(",")) {
            String name = listener.substring(0, listener.indexOf(':'));
            assertThat(protocols.get(name)).as("listener %s", name).startsWith("SASL_");
        }
        String advertised = server.getProperty("advertised.listeners");
        String clients = advertised.substring(0, advertised.indexOf(':')).toLowerCase(Locale.ROOT);
        assertThat(server.getProperty("listener.name." + clients + ".sasl.enabled.mechanisms")).isEqualTo(KafkaAccess.MECHANISM);
        assertThat(server.getProperty("sasl.enabled.mechanisms")).isEqualTo(KafkaAccess.MECHANISM);
        assertThat(Files.readString(BROKER_SCRIPT)).as("broker.sh adds only the logins to server.properties")
                .doesNotContain("authorizer", "allow.everyone", "super.users", "listeners=", "protocol.map");
        assertThat(COMPOSE.path("services").path("kafka").path("command").toString()).contains("/opt/lexguard/broker.sh");
    }

    @Test
    void theInitScriptGrantsExactlyTheAccessMatrix() throws IOException {
        Set<KafkaGrant> granted = new TreeSet<>();
        for (List<String> call : calls("allow")) {
            String principal = call.get(0);
            for (String operation : call.get(1).split(",")) {
                for (String resource : call.subList(4, call.size())) {
                    granted.add(new KafkaGrant(principal, operation, call.get(2), call.get(3), resource));
                }
            }
        }
        assertThat(granted).filteredOn(KafkaGrant::wildcard).isEmpty();
        assertThat(granted).isEqualTo(KafkaGrant.ofMatrix());
        String script = Files.readString(INIT_SCRIPT);
        assertThat(script.split("kafka-acls\\.sh", -1)).as("kafka-acls.sh runs only in allow()").hasSize(2);
        assertThat(script).doesNotContain("--deny-principal", "--remove");
        assertThat(COMPOSE.path("services").path("kafka-init").path("command").toString()).contains("/opt/lexguard/init.sh");
    }

    @Test
    void theInitScriptCreatesEveryTopicOfTheAccessMatrix() throws IOException {
        Set<String> topics = calls("topic").stream().map(call -> call.get(0)).collect(Collectors.toCollection(TreeSet::new));
        assertThat(topics).isEqualTo(new TreeSet<>(KafkaAccess.topics()));
    }

    @Test
    void servicesStartOnlyAfterTheTopicsAndAclsAreInPlace() {
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : ServiceModule.all().stream().filter(ServiceModule::usesKafka).toList()) {
            JsonNode dependsOn = COMPOSE.path("services").path(service.name()).path("depends_on");
            soft.assertThat(dependsOn.path("kafka-init").path("condition").asText()).as("%s waits for kafka-init", service.name())
                    .isEqualTo("service_completed_successfully");
        }
        soft.assertThat(COMPOSE.path("services").path("kafka-init").path("depends_on").path("kafka").path("condition").asText())
                .isEqualTo("service_healthy");
        soft.assertAll();
    }

    @Test
    void theKafkaScriptsAreValidBash() throws Exception {
        for (Path script : List.of(BROKER_SCRIPT, INIT_SCRIPT)) {
            assertThat(run("bash", "-n", script.toString())).as("bash -n %s", script.getFileName()).isEmpty();
        }
        Assumptions.assumeTrue(KubernetesManifestsTest.onPath("shellcheck"), "shellcheck is not installed; bash -n still ran");
        assertThat(run("shellcheck", BROKER_SCRIPT.toString(), INIT_SCRIPT.toString())).isEmpty();
    }

    /** A service's environment with the shared {@code x-service-env} merged in, as Compose does. */
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new TreeMap<>();
        COMPOSE.path("x-service-env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        COMPOSE.path("services").path(service).path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.remove("<<");
        return env;
    }

    /** The broker's variable for a principal's password: identity-service's is LEXGUARD_KAFKA_PASSWORD_IDENTITY_SERVICE. */
    private static String passwordVariable(String principal) {
        return PASSWORD_PREFIX + principal.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The arguments of every line of init.sh that calls the function {@code name}. */
    private static List<List<String>> calls(String name) throws IOException {
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(INIT_SCRIPT)) {
            List<String> words = Arrays.asList(line.trim().split("\\s+"));
            if (words.get(0).equals(name) && words.size() > 1) {
                calls.add(words.subList(1, words.size()));
            }
        }
        assertThat(calls).as("calls of %s in init.sh", name).isNotEmpty();
        return calls;
    }

    /** Runs a command and returns what it printed (empty when it succeeded silently). */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? output : "exit " + process.exitValue() + ": " + output;
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        SoftAssertions soft = new SoftAssertions();
        COMPOSE.path("services").fields().forEachRemaining(service -> soft.assertThat(service.getValue().has("ports"))
                .as("%s publishes a port", service.getKey()).isEqualTo("gateway".equals(service.getKey())));
        soft.assertAll();
    }

    @Test
    void theServiceImageCopiesTheQuarkusLayoutAndRunsAsANonRootUser() throws Exception {
        String containerfile = Files.readString(ServiceModule.ROOT.resolve("deploy/images/Containerfile.service"));
        assertThat(containerfile).contains("quarkus-app/lib/", "quarkus-app/app/", "quarkus-app/quarkus/",
                "USER 10001:10001", "ENTRYPOINT [\"java\", \"-jar\", \"/app/quarkus-run.jar\"]");
        String base = Files.readString(ServiceModule.ROOT.resolve("deploy/images/rootfs"));
        assertThat(base).as("the base's user").contains("lexguard:x:10001:10001:");
    }
}
