package dev.lexguard.deploy.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceContainersTest {

    @Test
    void processesUnlessContainersAreAskedFor() {
        assertThat(ServiceContainers.fromEnvironment(Map.of())).isNull();
        assertThat(ServiceContainers.fromEnvironment(Map.of("LEXGUARD_SERVICES", "processes"))).isNull();
        assertThatThrownBy(() -> ServiceContainers.fromEnvironment(Map.of("LEXGUARD_SERVICES", "docker")))
                .hasMessageContaining("processes or containers");
    }

    @Test
    void secretsReachTheContainerByNameOnlyAndFilesComeInReadOnly(@TempDir Path dir) throws Exception {
        Path geoip = Files.writeString(dir.resolve("City.mmdb"), "not really a database");
        ServiceContainers containers = ServiceContainers.fromEnvironment(
                Map.of("LEXGUARD_SERVICES", "containers", "LEXGUARD_IMAGE_TAG", "0.1.0-0123456789ab"));
        LexGuardSystem.Module module = new LexGuardSystem.Module("sessions-service", 18084, dir.resolve("quarkus-run.jar"),
                Set.of(), 19084);
        Map<String, String> environment = new HashMap<>(Map.of("LEXGUARD_KAFKA_PASSWORD", "s3cret-kafka-password",
                "LEXGUARD_GEOIP_CITY_DB", geoip.toString()));

        List<String> command = containers.command(module, environment);

        assertThat(String.join(" ", command)).doesNotContain("s3cret-kafka-password");
        assertThat(command).contains("--env=LEXGUARD_KAFKA_PASSWORD", "--env=QUARKUS_HTTP_PORT", "--network=host",
                "--volume=" + geoip + ":" + geoip + ":ro", "--memory=512m");
        assertThat(command.get(command.size() - 1)).isEqualTo("lexguard/sessions-service:0.1.0-0123456789ab");
        assertThat(environment).containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1").containsEntry("QUARKUS_HTTP_PORT", "18084")
                .containsEntry("QUARKUS_MANAGEMENT_PORT", "19084").containsEntry("QUARKUS_PROFILE", "dev");
    }
}
