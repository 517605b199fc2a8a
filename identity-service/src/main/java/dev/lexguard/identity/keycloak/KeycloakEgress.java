package dev.lexguard.identity.keycloak;

import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.netty.handler.proxy.ProxyConnectException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way out to a firm's Keycloak: a SOCKS5 proxy (RFC 1928, with RFC 1929 username/password) inside this
 * process, on 127.0.0.1 and an ephemeral port, through which the admin client, the SSO code exchange and the JWKS
 * fetch connect. Each CONNECT names the host as the administrator typed it; the proxy resolves it once, applies
 * {@link KeycloakAddresses}' rule to that answer and connects to the address it checked, so no second DNS answer
 * (DNS rebinding) can send the connection elsewhere. TLS runs through the tunnel end to end, verified against the
 * host name. A refused target is answered 0x02 (not allowed by ruleset), which the callers turn into the same 422
 * {@code keycloak-address-refused} as the early check. Only a client knowing this process's random secret may use
 * it; BIND and UDP are not offered. Plain sockets on a bounded pool of daemon threads: blocking reads and writes are
 * the back-pressure, and an end or error on either side closes both.
 */
@Startup
@Singleton
public class KeycloakEgress {

    static final String USERNAME = "lexguard-egress";
    static final int REFUSED = 0x02;
    private static final int VERSION = 0x05;
    private static final int AUTH_VERSION = 0x01;
    private static final int METHOD_PASSWORD = 0x02;
    private static final int NO_ACCEPTABLE_METHOD = 0xff;
    private static final int CONNECT = 0x01;
    private static final int IPV4 = 0x01;
    private static final int DOMAIN = 0x03;
    private static final int IPV6 = 0x04;
    private static final int SUCCEEDED = 0x00;
    private static final int GENERAL_FAILURE = 0x01;
    private static final int HOST_UNREACHABLE = 0x04;
    private static final int CONNECTION_REFUSED = 0x05;
    private static final int COMMAND_NOT_SUPPORTED = 0x07;
    private static final int ADDRESS_TYPE_NOT_SUPPORTED = 0x08;
    private static final int MAX_THREADS = 256;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A relayed connection with no byte either way for this long is closed (Keycloak clients keep idle ones 60 s). */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final KeycloakAddresses addresses;
    private final Duration connectTimeout;
    private final byte[] password;
    private final ServerSocket server;
    private final ThreadPoolExecutor threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    @Inject
    public KeycloakEgress(KeycloakAddresses addresses, KeycloakConfig config) {
        this(addresses, config.connectTimeout());
    }

    KeycloakEgress(KeycloakAddresses addresses, Duration connectTimeout) {
        this.addresses = addresses;
        this.connectTimeout = connectTimeout;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
        AtomicInteger counter = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "keycloak-egress-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("the Keycloak egress proxy cannot listen on the loopback interface", e);
        }
        Thread acceptor = new Thread(this::accept, "keycloak-egress-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        Log.infof("Keycloak egress proxy listening on %s", server.getLocalSocketAddress());
    }

    /** How a Vert.x client reaches the firm's Keycloak: through this proxy, the host name left for it to resolve. */
    public ProxyOptions proxyOptions() {
        return new ProxyOptions().setType(ProxyType.SOCKS5).setHost(server.getInetAddress().getHostAddress())
                .setPort(server.getLocalPort()).setUsername(USERNAME)
                .setPassword(new String(password, StandardCharsets.US_ASCII)).setConnectTimeout(connectTimeout);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Whether this failure (anywhere in its causes) is this proxy refusing the target: answer it as the early check would. */
    public static boolean refusedTarget(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Netty's SOCKS5 handler names the reply's status: FORBIDDEN(2) is "not allowed by ruleset"
            if (t instanceof ProxyConnectException && t.getMessage() != null && t.getMessage().contains("FORBIDDEN")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The same 422 as {@link KeycloakAddresses#requireAllowed}: the administrator cannot tell which check refused. */
    public static BusinessRuleProblem refused() {
        return KeycloakAddresses.refused();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    Log.warnf("Keycloak egress proxy: accept failed (%s)", e.getClass().getSimpleName());
                }
                continue;
            }
            open.add(client);
            try {
                threads.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                Log.warn("Keycloak egress proxy: too many connections, one refused");
                close(client);
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        boolean relayed = false;
        try {
            client.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (!authenticated(in, out)) {
                return;
            }
            upstream = connect(in, out);
            if (upstream == null) {
                return;
            }
            client.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            upstream.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            relayed = true;
            relay(client, upstream);
        } catch (IOException | RuntimeException e) {
            Log.debugf("Keycloak egress proxy: a connection ended (%s)", e.getClass().getSimpleName());
        } finally {
            if (!relayed) {
                close(client);
                if (upstream != null) {
                    close(upstream);
                }
            }
        }
    }

    /** RFC 1928 method negotiation, then RFC 1929 username and password: nothing else is offered. */
    private boolean authenticated(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return false;
        }
        byte[] methods = new byte[in.readUnsignedByte()];
        in.readFully(methods);
        boolean password = false;
        for (byte method : methods) {
            password |= method == METHOD_PASSWORD;
        }
        if (!password) {
            out.write(new byte[] {VERSION, (byte) NO_ACCEPTABLE_METHOD});
            out.flush();
            return false;
        }
        out.write(new byte[] {VERSION, METHOD_PASSWORD});
        out.flush();
        if (in.readUnsignedByte() != AUTH_VERSION) {
            return false;
        }
        byte[] username = new byte[in.readUnsignedByte()];
        in.readFully(username);
        byte[] secret = new byte[in.readUnsignedByte()];
        in.readFully(secret);
        boolean known = MessageDigest.isEqual(username, USERNAME.getBytes(StandardCharsets.US_ASCII))
                & MessageDigest.isEqual(secret, this.password);
        out.write(new byte[] {AUTH_VERSION, (byte) (known ? 0x00 : 0x01)});
        out.flush();
        if (!known) {
            Log.warn("Keycloak egress proxy: a client without the secret was refused");
        }
        return known;
    }

    /** Reads the request, checks its target on one resolution and connects there; null after a refusal reply. */
    private Socket connect(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != VERSION) {
            return null;
        }
        int command = in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        String host;
        switch (type) {
            case IPV4 -> {
                byte[] raw = new byte[4];
                in.readFully(raw);
                host = InetAddress.getByAddress(raw).getHostAddress();
            }
            case IPV6 -> {
                byte[] raw = new byte[16];
                in.readFully(raw);
                host = InetAddress.getByAddress(raw).getHostAddress();
            }
            case DOMAIN -> {
                byte[] raw = new byte[in.readUnsignedByte()];
                in.readFully(raw);
                host = new String(raw, StandardCharsets.US_ASCII);
            }
            default -> {
                reply(out, ADDRESS_TYPE_NOT_SUPPORTED);
                return null;
            }
        }
        int port = in.readUnsignedShort();
        if (command != CONNECT) {
            reply(out, COMMAND_NOT_SUPPORTED);
            return null;
        }
        InetAddress[] checked;
        try {
            checked = port == 0 ? null : addresses.checked(host);
        } catch (BusinessRuleProblem e) {
            checked = null;
        }
        if (checked == null) {
            Log.infof("Keycloak egress proxy refused %s:%d", host, port);
            reply(out, REFUSED);
            return null;
        }
        IOException last = null;
        for (InetAddress address : checked) {
            Socket upstream = new Socket();
            open.add(upstream);
            try {
                upstream.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
                reply(out, SUCCEEDED);
                return upstream;
            } catch (IOException e) {
                close(upstream);
                last = e;
            }
        }
        Log.infof("Keycloak egress proxy: %s:%d did not answer (%s)", host, port,
                last == null ? "no address" : last.getClass().getSimpleName());
        reply(out, last instanceof SocketTimeoutException ? HOST_UNREACHABLE
                : last instanceof ConnectException ? CONNECTION_REFUSED : GENERAL_FAILURE);
        return null;
    }

    /** A reply with an unspecified bound address: the client needs only the status. */
    private static void reply(OutputStream out, int status) throws IOException {
        out.write(new byte[] {VERSION, (byte) status, 0x00, IPV4, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    /** Copies both ways until both sides ended; an error or an idle side closes both. */
    private void relay(Socket client, Socket upstream) {
        AtomicInteger ended = new AtomicInteger();
        Runnable down = () -> pump(upstream, client, ended);
        try {
            threads.execute(down);
        } catch (RejectedExecutionException e) {
            Log.warn("Keycloak egress proxy: too many connections, one closed");
            close(client);
            close(upstream);
            return;
        }
        pump(client, upstream, ended);
    }

    private void pump(Socket from, Socket to, AtomicInteger ended) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close(from);
            close(to);
        }
        if (ended.incrementAndGet() == 2) {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            Log.debugf("Keycloak egress proxy: closing a socket failed (%s)", e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            Log.debugf("Keycloak egress proxy: closing failed (%s)", e.getClass().getSimpleName());
        }
        open.forEach(this::close);
        threads.shutdownNow();
    }
}
