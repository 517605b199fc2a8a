package dev.lexguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The Compose file (for machines with Docker) runs every service with the variables it reads. */
class ComposeFileTest {

    private static final ObjectNode COMPOSE = Kustomize.readAll(ServiceModule.ROOT.resolve("deploy/compose/compose.yaml")).get(0);

    @Test
    void everyServiceRunsWithExactlyTheVariablesItReads() {
        JsonNode services = COMPOSE.path("services");
        SoftAssertions soft = new SoftAssertions();
        for (ServiceModule service : ServiceModule.all()) {
            JsonNode entry = services.path(service.name());
            soft.assertThat(entry.isMissingNode()).as("compose service %s", service.name()).isFalse();
            Set<String> set = new TreeSet<>();
            entry.path("environment").fieldNames().forEachRemaining(set::add);
            set.remove("<<");
            COMPOSE.path("x-service-env").fieldNames().forEachRemaining(set::add);
            for (String name : set) {
                soft.assertThat(service.reads(name)).as("%s reads %s", service.name(), name).isTrue();
            }
            soft.assertThat(set).as("%s sets every variable whose default is for a laptop", service.name())
                    .containsAll(service.requiredVariables());
            soft.assertThat(entry.path("build").path("args").path("SERVICE").asText()).isEqualTo(service.name());
            int healthPort = service.managementInterface() ? service.managementPort() : service.httpPort();
            soft.assertThat(entry.path("healthcheck").path("test").toString()).contains(":" + healthPort + "/q/health/ready");
        }
        soft.assertAll();
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        SoftAssertions soft = new SoftAssertions();
        COMPOSE.path("services").fields().forEachRemaining(service -> soft.assertThat(service.getValue().has("ports"))
                .as("%s publishes a port", service.getKey()).isEqualTo("gateway".equals(service.getKey())));
        soft.assertAll();
    }

    @Test
    void theDockerfileCopiesTheQuarkusLayoutAndRunsAsANonRootUser() throws Exception {
        String dockerfile = Files.readString(ServiceModule.ROOT.resolve("deploy/docker/Dockerfile.jvm"));
        assertThat(dockerfile).contains("ARG SERVICE", "target/quarkus-app/lib/", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/", "USER 185");
    }
}
