package dev.lexguard.deploy;

import static dev.lexguard.deploy.KubernetesManifestsTest.SERVICES;
import static dev.lexguard.deploy.KubernetesManifestsTest.container;
import static dev.lexguard.deploy.KubernetesManifestsTest.lexguardConfig;
import static dev.lexguard.deploy.KubernetesManifestsTest.named;
import static dev.lexguard.deploy.KubernetesManifestsTest.ofKind;
import static dev.lexguard.deploy.KubernetesManifestsTest.overlay;
import static dev.lexguard.deploy.KubernetesManifestsTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Production's PostgreSQL: the CloudNativePG cluster has a role and a database owned by it for every service with a
 * database, every such service connects to the cluster's read-write Service as that role and may reach the cluster's
 * instances on 5432, and the cluster's credentials are Secrets the repository only names.
 */
class PostgresManifestsTest {

    private static final String CLUSTER = "lexguard-postgres";
    private static final int PORT = 5432;

    /** A service's database as production configures it: the URL's database, host and port, and its login's Secret. */
    private record ServiceDatabase(String service, URI reactiveUrl, URI jdbcUrl, String secret) {

        String database() {
            return reactiveUrl.getPath().substring(1);
        }
    }

    private static List<ServiceDatabase> databases(List<ObjectNode> resources) {
        JsonNode config = lexguardConfig(resources).path("data");
        List<ServiceDatabase> databases = new ArrayList<>();
        for (ServiceModule service : SERVICES.stream().filter(ServiceModule::usesDatabase).toList()) {
            ObjectNode deployment = named(resources, "Deployment", service.name())
                    .orElseThrow(() -> new AssertionError("no Deployment " + service.name()));
            JsonNode env = container(deployment).path("env");
            databases.add(new ServiceDatabase(service.name(), URI.create(value(variable(env, "LEXGUARD_DB_REACTIVE_URL"), config)),
                    URI.create(value(variable(env, "LEXGUARD_DB_JDBC_URL"), config).substring("jdbc:".length())),
                    variable(env, "LEXGUARD_DB_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asText()));
        }
        return databases;
    }

    private static JsonNode variable(JsonNode env, String name) {
        return StreamSupport.stream(env.spliterator(), false).filter(e -> name.equals(e.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    private static ObjectNode cluster(List<ObjectNode> resources) {
        assertThat(ofKind(resources, "Cluster")).as("CloudNativePG Clusters").hasSize(1);
        return named(resources, "Cluster", CLUSTER).orElseThrow(() -> new AssertionError("no Cluster " + CLUSTER));
    }

    @Test
    void theClusterHasARoleAndADatabaseOwnedByItForEveryServiceWithADatabase() {
        List<ObjectNode> prod = overlay("prod");
        ObjectNode cluster = cluster(prod);
        assertThat(cluster.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.path("spec").path("instances").asInt()).as("instances").isEqualTo(3);
        List<ServiceDatabase> databases = databases(prod);
        assertThat(databases).extracting(ServiceDatabase::service).contains("identity-service", "console");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceDatabase database : databases) {
            Optional<JsonNode> role = StreamSupport.stream(cluster.path("spec").path("managed").path("roles").spliterator(), false)
                    .filter(r -> database.secret().equals(r.path("passwordSecret").path("name").asText())).findFirst();
            soft.assertThat(role).as("%s: a managed role whose password is the Secret %s", database.service(), database.secret())
                    .hasValueSatisfying(r -> {
                        assertThat(r.path("login").asBoolean()).as("login").isTrue();
                        assertThat(r.path("ensure").asText("present")).isEqualTo("present");
                        assertThat(r.path("superuser").asBoolean()).as("superuser").isFalse();
                    });
            String owner = role.map(r -> r.path("name").asText()).orElse("?");
            List<ObjectNode> declared = ofKind(prod, "Database").stream()
                    .filter(d -> database.database().equals(d.path("spec").path("name").asText())).toList();
            soft.assertThat(declared).as("%s: Database %s", database.service(), database.database()).hasSize(1)
                    .allSatisfy(d -> {
                        assertThat(d.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
                        assertThat(d.path("spec").path("cluster").path("name").asText()).isEqualTo(CLUSTER);
                        assertThat(d.path("spec").path("owner").asText()).as("owner").isEqualTo(owner);
                    });
        }
        soft.assertAll();
    }

    @Test
    void everyServiceWithADatabaseConnectsToTheClustersReadWriteServiceInProduction() {
        SoftAssertions soft = new SoftAssertions();
        for (ServiceDatabase database : databases(overlay("prod"))) {
            for (URI url : List.of(database.reactiveUrl(), database.jdbcUrl())) {
                soft.assertThat(url.getHost()).as("%s: %s", database.service(), url).isEqualTo(CLUSTER + "-rw");
                soft.assertThat(url.getPort()).as("%s: %s", database.service(), url).isEqualTo(PORT);
            }
            soft.assertThat(database.jdbcUrl().getPath()).as("%s: both URLs name one database", database.service())
                    .isEqualTo(database.reactiveUrl().getPath());
        }
        soft.assertAll();
    }

    @Test
    void everyServiceWithADatabaseMayReachTheClustersInstancesOn5432() {
        List<ObjectNode> prod = overlay("prod");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : SERVICES.stream().filter(ServiceModule::usesDatabase).toList()) {
            boolean allowed = NetworkPolicyRules.of(prod, "Egress", named(prod, "Deployment", service.name()).orElseThrow())
                    .filter(rule -> rule.path("ports").findValuesAsText("port").contains(String.valueOf(PORT)))
                    .flatMap(NetworkPolicyRules::peers)
                    .anyMatch(peer -> !peer.has("namespaceSelector")
                            && CLUSTER.equals(peer.path("podSelector").path("matchLabels").path("cnpg.io/cluster").asText()));
            soft.assertThat(allowed).as("%s may reach the pods of cluster %s on %d", service.name(), CLUSTER, PORT).isTrue();
        }
        soft.assertAll();
    }

    @Test
    void theClusterBacksUpToObjectStorageEveryNight() {
        List<ObjectNode> prod = overlay("prod");
        JsonNode store = cluster(prod).path("spec").path("backup").path("barmanObjectStore");
        assertThat(store.path("destinationPath").asText()).startsWith("s3://");
        assertThat(store.path("endpointURL").asText()).startsWith("https://");
        assertThat(store.path("s3Credentials").findValuesAsText("name")).as("the store's credentials, by Secret name")
                .containsOnly("lexguard-postgres-backup").hasSize(2);
        assertThat(ofKind(prod, "ScheduledBackup")).singleElement().satisfies(backup -> {
            assertThat(backup.path("spec").path("cluster").path("name").asText()).isEqualTo(CLUSTER);
            assertThat(backup.path("spec").path("method").asText()).isEqualTo("barmanObjectStore");
        });
    }

    @Test
    void productionNamesTheClustersSecretsAndCommitsNone() throws IOException {
        List<ObjectNode> prod = overlay("prod");
        assertThat(ofKind(prod, "Secret")).as("Secrets in production's manifests").isEmpty();
        List<String> named = cluster(prod).findValuesAsText("name").stream()
                .filter(name -> name.startsWith("lexguard-") && !name.equals(CLUSTER)).toList();
        assertThat(named).as("the Secrets the Cluster reads").contains("lexguard-postgres-backup", "lexguard-identity-db");
        String readme = Files.readString(ServiceModule.ROOT.resolve("deploy/README.md"));
        assertThat(named).allSatisfy(secret -> assertThat(readme.contains("`" + secret + "`"))
                .as("deploy/README.md documents Secret %s", secret).isTrue());
    }
}
