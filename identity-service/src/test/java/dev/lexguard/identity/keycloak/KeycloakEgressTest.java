package dev.lexguard.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.vertx.core.Vertx;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The egress proxy alone, with an empty allow-list unless a test names one: who may use it, which targets it
 * connects to, and that a connection goes to the address it checked, whatever a later DNS answer says.
 */
class KeycloakEgressTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Vertx vertx;
    private StandIn loopback;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        loopback = StandIn.on("127.0.0.1", 200, "{\"keys\":[]}");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        loopback.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** Addresses with this allow-list whose made-up names answer the next address of their list, the last forever. */
    private KeycloakAddresses addresses(String... allowList) {
        KeycloakAddresses addresses = new KeycloakAddresses(List.of(allowList));
        addresses.resolveWith(host -> {
            List<InetAddress> next = answers.get(host);
            if (next == null) {
                return InetAddress.getAllByName(host);
            }
            synchronized (next) {
                return new InetAddress[] {next.size() > 1 ? next.remove(0) : next.get(0)};
            }
        });
        return addresses;
    }

    private void answer(String name, String... literals) throws UnknownHostException {
        List<InetAddress> list = new ArrayList<>();
        for (String literal : literals) {
            list.add(InetAddress.getByName(literal));
        }
        answers.put(name, list);
    }

    private KeycloakEgress egress(KeycloakAddresses addresses) {
        KeycloakEgress egress = new KeycloakEgress(addresses, TIMEOUT);
        closing.add(egress::stop);
        return egress;
    }

    private KeycloakHttp http(KeycloakEgress egress) {
        KeycloakHttp http = new KeycloakHttp(vertx, egress, TIMEOUT, TIMEOUT);
        closing.add(http::close);
        return http;
    }

    /** A raw SOCKS5 client: greeting, then username/password; answers the authentication status or -1. */
    private static int authenticate(Socket socket, String username, String password) throws IOException {
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write(new byte[] {5, 1, 2});
        assertThat(in.readUnsignedByte()).isEqualTo(5);
        assertThat(in.readUnsignedByte()).isEqualTo(2);
        byte[] user = username.getBytes(StandardCharsets.US_ASCII);
        byte[] pass = password.getBytes(StandardCharsets.US_ASCII);
        out.write(1);
        out.write(user.length);
        out.write(user);
        out.write(pass.length);
        out.write(pass);
        assertThat(in.readUnsignedByte()).isEqualTo(1);
        return in.readUnsignedByte();
    }

    /** Sends a request with the host as a domain name and answers the reply's status. */
    private static int request(Socket socket, int command, String host, int port) throws IOException {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {5, (byte) command, 0, 3, (byte) name.length});
        out.write(name);
        out.write(new byte[] {(byte) (port >> 8), (byte) port});
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readUnsignedByte()).isEqualTo(5);
        return in.readUnsignedByte();
    }

    /** Sends a CONNECT with the host as an IP address (4 or 16 bytes) and answers the reply's status. */
    private static int connectTo(Socket socket, InetAddress address, int port) throws IOException {
        byte[] raw = address.getAddress();
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {5, 1, 0, (byte) (raw.length == 4 ? 1 : 4)});
        out.write(raw);
        out.write(new byte[] {(byte) (port >> 8), (byte) port});
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(in.readUnsignedByte()).isEqualTo(5);
        return in.readUnsignedByte();
    }

    private Socket open(KeycloakEgress egress) throws IOException {
        Socket socket = new Socket(egress.address().getAddress(), egress.address().getPort());
        socket.setSoTimeout(5000);
        closing.add(socket);
        return socket;
    }

    @Test
    void theProxyListensOnTheLoopbackInterfaceOnly() {
        assertThat(egress(addresses()).address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void aClientWithoutTheSecretIsRefused() throws IOException {
        KeycloakEgress egress = egress(addresses("127.0.0.0/8"));
        try (Socket noAuth = open(egress)) {
            noAuth.getOutputStream().write(new byte[] {5, 1, 0});
            DataInputStream in = new DataInputStream(noAuth.getInputStream());
            assertThat(in.readUnsignedByte()).isEqualTo(5);
            assertThat(in.readUnsignedByte()).as("no acceptable method").isEqualTo(0xff);
            assertThat(in.read()).as("closed").isEqualTo(-1);
        }
        try (Socket guessing = open(egress)) {
            assertThat(authenticate(guessing, KeycloakEgress.USERNAME, "guessed")).isNotZero();
            assertThat(guessing.getInputStream().read()).as("closed").isEqualTo(-1);
        }
        try (Socket otherUser = open(egress)) {
            assertThat(authenticate(otherUser, "admin", egress.proxyOptions().getPassword())).isNotZero();
        }
        assertThat(loopback.requests()).isEmpty();
    }

    @Test
    void internalTargetsOutsideTheAllowListAreRefused() throws IOException {
        KeycloakEgress egress = egress(addresses());
        String password = egress.proxyOptions().getPassword();
        for (String literal : new String[] {"127.0.0.1", "169.254.169.254", "10.1.2.3", "192.168.0.10", "::1",
            "fd00:ec2::254", "0.0.0.0"}) {
            try (Socket socket = open(egress)) {
                assertThat(authenticate(socket, KeycloakEgress.USERNAME, password)).isZero();
                assertThat(connectTo(socket, InetAddress.getByName(literal), loopback.port())).as(literal)
                        .isEqualTo(KeycloakEgress.REFUSED);
            }
        }
        try (Socket socket = open(egress)) {
            assertThat(authenticate(socket, KeycloakEgress.USERNAME, password)).isZero();
            assertThat(request(socket, 1, "localhost", loopback.port())).isEqualTo(KeycloakEgress.REFUSED);
        }
        assertThat(loopback.requests()).isEmpty();
    }

    @Test
    void onlyConnectIsOffered() throws IOException {
        KeycloakEgress egress = egress(addresses("127.0.0.0/8"));
        for (int command : new int[] {2, 3}) {
            try (Socket socket = open(egress)) {
                assertThat(authenticate(socket, KeycloakEgress.USERNAME, egress.proxyOptions().getPassword())).isZero();
                assertThat(request(socket, command, "127.0.0.1", loopback.port())).as("command " + command)
                        .isEqualTo(7);
            }
        }
    }

    @Test
    void aRebindingNameNeverReachesTheLoopback() throws UnknownHostException {
        KeycloakAddresses addresses = addresses();
        answer("kc.rebind.test", "192.0.2.10", "127.0.0.1");
        KeycloakHttp http = http(egress(addresses));
        String url = "http://kc.rebind.test:" + loopback.port() + "/realms/firm/protocol/openid-connect/certs";
        addresses.requireAllowed(url);
        BusinessRuleProblem refused = catchThrowableOfType(BusinessRuleProblem.class, () -> http.get(url));
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).isEqualTo(catchThrowableOfType(BusinessRuleProblem.class,
                () -> addresses.requireAllowed("http://127.0.0.1")).getMessage());
        assertThat(loopback.requests()).isEmpty();
    }

    @Test
    void anAllowedBlockIsReachedAtTheAddressTheProxyChecked() throws Exception {
        answer("kc.allowed.test", "127.0.0.1");
        KeycloakHttp http = http(egress(addresses("127.0.0.0/8")));
        KeycloakHttp.Answer answer = http.get("http://kc.allowed.test:" + loopback.port() + "/realms/firm/x");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"keys\":[]}");
        assertThat(loopback.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/realms/firm/x"));
    }

    @Test
    void aHostNamedOnTheAllowListIsReachedAtItsAddress() throws Exception {
        answer("keycloak.internal.test", "127.0.0.1");
        KeycloakHttp http = http(egress(addresses("keycloak.internal.test")));
        assertThat(http.get("http://keycloak.internal.test:" + loopback.port() + "/").status()).isEqualTo(200);
        assertThat(loopback.requests()).hasSize(1);
        KeycloakHttp other = http(egress(addresses("keycloak.internal.test")));
        answer("other.internal.test", "127.0.0.1");
        assertThat(catchThrowableOfType(BusinessRuleProblem.class,
                () -> other.get("http://other.internal.test:" + loopback.port() + "/"))).isNotNull();
        assertThat(loopback.requests()).hasSize(1);
    }
}
