package dev.lexguard.deploy;

import static dev.lexguard.deploy.KubernetesManifestsTest.container;
import static dev.lexguard.deploy.KubernetesManifestsTest.lexguardConfig;
import static dev.lexguard.deploy.KubernetesManifestsTest.named;
import static dev.lexguard.deploy.KubernetesManifestsTest.ofKind;
import static dev.lexguard.deploy.KubernetesManifestsTest.overlay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What a first production deployment hits (issue 20): images pulled from a registry the operator names, never by a
 * short name that a container runtime completes with Docker Hub; sessions-service's GeoIP files fetched into its pod
 * and read from where the ConfigMap says.
 */
class ProductionImagesAndGeoIpTest {

    private static final String GEOIP_DIRECTORY = "/var/lib/lexguard/geoip";

    @Test
    void productionPullsEveryImageFromANamedRegistryByAPinnedTag() {
        SoftAssertions soft = new SoftAssertions();
        for (ObjectNode deployment : ofKind(overlay("prod"), "Deployment")) {
            for (JsonNode container : containers(deployment)) {
                String image = container.path("image").asText();
                String registry = image.substring(0, Math.max(0, image.indexOf('/')));
                soft.assertThat(registry).as("registry host of %s", image)
                        .matches(host -> host.contains(".") || host.contains(":") || "localhost".equals(host), "a host name");
                String tag = image.substring(image.lastIndexOf('/') + 1);
                soft.assertThat(tag).as("tag of %s", image).contains(":").doesNotEndWith(":latest");
            }
            soft.assertThat(container(deployment).path("image").asText()).as("image of %s", deployment.path("metadata").path("name"))
                    .isEqualTo("registry.example.com/lexguard/" + deployment.path("metadata").path("name").asText() + ":0.1.0");
        }
        // the developer overlay keeps the names deploy/images/build gives the images it builds here
        for (ObjectNode deployment : ofKind(overlay("dev"), "Deployment")) {
            soft.assertThat(container(deployment).path("image").asText()).startsWith("lexguard/");
        }
        soft.assertAll();
    }

    @Test
    void sessionsServiceReadsTheGeoIpFilesItsInitContainerFetchedIntoThePod() {
        List<ObjectNode> prod = overlay("prod");
        ObjectNode sessions = named(prod, "Deployment", "sessions-service").orElseThrow();
        JsonNode pod = sessions.path("spec").path("template").path("spec");
        JsonNode fetch = pod.path("initContainers").get(0);
        assertThat(fetch.path("name").asText()).isEqualTo("geoipupdate");
        assertThat(fetch.path("image").asText()).startsWith("ghcr.io/maxmind/geoipupdate:v");
        assertThat(mountPath(fetch, "geoip")).isEqualTo(env(fetch, "GEOIPUPDATE_DB_DIR").path("value").asText());
        assertThat(env(fetch, "GEOIPUPDATE_LICENSE_KEY").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("lexguard-geoip");
        assertThat(env(fetch, "GEOIPUPDATE_ACCOUNT_ID").path("valueFrom").path("secretKeyRef").path("name").asText())
                .isEqualTo("lexguard-geoip");
        assertThat(fetch.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(fetch.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(fetch.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(pod.path("volumes").findValues("name").stream().map(JsonNode::asText)).contains("geoip");

        JsonNode service = container(sessions);
        JsonNode mount = mount(service, "geoip");
        assertThat(mount.path("mountPath").asText()).isEqualTo(GEOIP_DIRECTORY);
        assertThat(mount.path("readOnly").asBoolean()).as("sessions-service only reads the files").isTrue();
        JsonNode config = lexguardConfig(prod).path("data");
        String editions = env(fetch, "GEOIPUPDATE_EDITION_IDS").path("value").asText();
        for (String key : List.of("geoip-city-db", "geoip-asn-db")) {
            String file = config.path(key).asText();
            assertThat(file).as(key).startsWith(GEOIP_DIRECTORY + "/").endsWith(".mmdb");
            // geoipupdate writes <edition id>.mmdb
            String edition = file.substring(GEOIP_DIRECTORY.length() + 1, file.length() - ".mmdb".length());
            assertThat(editions.split(" ")).as("editions fetched for %s", key).contains(edition);
        }
    }

    @Test
    void onlySessionsServiceMayFetchFromPublicAddressesAndNeverFromTheClustersOwn() {
        List<ObjectNode> prod = overlay("prod");
        ObjectNode egress = named(prod, "NetworkPolicy", "geoip-egress").orElseThrow();
        assertThat(egress.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .isEqualTo("sessions-service");
        JsonNode rule = egress.path("spec").path("egress").get(0);
        assertThat(rule.path("ports").findValues("port").stream().map(JsonNode::asInt)).containsExactly(443);
        JsonNode block = rule.path("to").get(0).path("ipBlock");
        assertThat(block.path("cidr").asText()).isEqualTo("0.0.0.0/0");
        List<String> except = new ArrayList<>();
        block.path("except").forEach(cidr -> except.add(cidr.asText()));
        assertThat(except).containsExactlyInAnyOrder("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
        // the developer overlay has no MaxMind account: no fetch, no opening, locations unknown
        List<ObjectNode> dev = overlay("dev");
        assertThat(named(dev, "NetworkPolicy", "geoip-egress")).isEmpty();
        assertThat(named(dev, "Deployment", "sessions-service").orElseThrow().path("spec").path("template").path("spec")
                .has("initContainers")).isFalse();
        assertThat(lexguardConfig(dev).path("data").path("geoip-city-db").asText()).isEmpty();
    }

    @Test
    void theGeoIpSecretIsDocumentedAndNotCommitted() throws IOException {
        String readme = Files.readString(ServiceModule.ROOT.resolve("deploy/README.md"));
        assertThat(readme).contains("`lexguard-geoip`").contains("`account-id`").contains("`license-key`");
        assertThat(named(overlay("prod"), "Secret", "lexguard-geoip")).isEmpty();
    }

    private static List<JsonNode> containers(ObjectNode deployment) {
        List<JsonNode> all = new ArrayList<>();
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        pod.path("initContainers").forEach(all::add);
        pod.path("containers").forEach(all::add);
        return all;
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env;
            }
        }
        throw new AssertionError(container.path("name").asText() + " has no variable " + name);
    }

    private static JsonNode mount(JsonNode container, String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (volume.equals(mount.path("name").asText())) {
                return mount;
            }
        }
        throw new AssertionError(container.path("name").asText() + " does not mount " + volume);
    }

    private static String mountPath(JsonNode container, String volume) {
        return mount(container, volume).path("mountPath").asText();
    }
}
