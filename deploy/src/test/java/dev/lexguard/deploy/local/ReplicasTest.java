package dev.lexguard.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicasTest {

    private static final LexGuardSystem.Module PERMISSIONS = new LexGuardSystem.Module("permissions-service", 8082,
            Path.of("permissions-service/target/quarkus-app/quarkus-run.jar"), Set.of(), 0);
    private static final LexGuardSystem.Module GATEWAY = new LexGuardSystem.Module("gateway", 8080,
            Path.of("gateway/target/quarkus-app/quarkus-run.jar"), Set.of(), 9000);
    private static final LexGuardSystem.Module CONSOLE = new LexGuardSystem.Module("console", 8087,
            Path.of("console/target/quarkus-app/quarkus-run.jar"), Set.of(), 0);

    @Test
    void oneReplicaWithoutTheArgument() {
        assertThat(LocalSystem.replicas(List.of("--no-demo"))).isEqualTo(1);
    }

    @Test
    void theArgumentGivesTheNumberOfReplicas() {
        assertThat(LocalSystem.replicas(List.of("--no-demo", "--replicas=3"))).isEqualTo(3);
    }

    @Test
    void aReplicaCountThatIsNotAPositiveNumberIsRefused() {
        assertThatThrownBy(() -> LocalSystem.replicas(List.of("--replicas=0"))).hasMessageContaining("'0'");
        assertThatThrownBy(() -> LocalSystem.replicas(List.of("--replicas=two"))).hasMessageContaining("'two'");
        assertThatThrownBy(() -> LocalSystem.replicas(List.of("--replicas=10"))).hasMessageContaining("'10'");
    }

    @Test
    void fixedPortsPutReplicasAHundredApart() throws IOException {
        assertThat(LexGuardSystem.instances(PERMISSIONS, 3, false, noFreePorts()))
                .extracting(LexGuardSystem.Module::port).containsExactly(8082, 8182, 8282);
    }

    @Test
    void freePortsGiveEachReplicaItsOwnPort() throws IOException {
        AtomicInteger next = new AtomicInteger(40000);
        assertThat(LexGuardSystem.instances(PERMISSIONS, 2, true, next::getAndIncrement))
                .extracting(LexGuardSystem.Module::port).containsExactly(40000, 40001);
    }

    @Test
    void aPortTheKernelHandsOutTwiceIsGivenOnce() throws IOException {
        // binding port 0 twice may yield the same port when nothing holds the first: the system asks for all of its
        // ports before any service binds one
        Iterator<Integer> kernel = List.of(41000, 41000, 41001, 41000, 41002).iterator();
        LexGuardSystem.PortSource ports = LexGuardSystem.distinct(kernel::next);
        assertThat(List.of(ports.next(), ports.next(), ports.next())).containsExactly(41000, 41001, 41002);
    }

    @Test
    void theGatewayAndTheConsoleStaySingle() throws IOException {
        assertThat(LexGuardSystem.instances(GATEWAY, 3, false, noFreePorts()))
                .extracting(LexGuardSystem.Module::port, LexGuardSystem.Module::managementPort)
                .containsExactly(Tuple.tuple(8080, 9000));
        assertThat(LexGuardSystem.instances(CONSOLE, 3, false, noFreePorts())).hasSize(1);
    }

    @Test
    void oneReplicaKeepsTheConfiguredPort() throws IOException {
        assertThat(LexGuardSystem.instances(PERMISSIONS, 1, false, noFreePorts()))
                .extracting(LexGuardSystem.Module::port).containsExactly(8082);
    }

    @Test
    void identitysReplicasShareAKeyOnlyThisUserMayRead(@TempDir Path directory) throws Exception {
        Path file = LexGuardSystem.writeSigningKey(directory);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(key.getModulus().bitLength()).isEqualTo(2048);
    }

    private static LexGuardSystem.PortSource noFreePorts() {
        return () -> {
            throw new AssertionError("fixed ports were asked for");
        };
    }
}
