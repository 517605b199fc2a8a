package dev.lexguard.deploy.local;

import dev.lexguard.devstack.ConnectionSettings;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.KafkaAccess;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every LexGuard service and the gateway as separate processes of this checkout's packaged applications, pointed
 * at a PostgreSQL server and a Kafka broker. Used by the local runner (fixed ports) and by system-tests (free
 * ports, their own devstack). Each process gets exactly the {@code LEXGUARD_*} variables its configuration reads.
 * With {@code LEXGUARD_SERVICES=containers} each runs from its image instead ({@link ServiceContainers}).
 */
public final class LexGuardSystem implements AutoCloseable {

    /** Start order; the gateway last, so that it finds every upstream ready. */
    public static final List<String> MODULES = List.of("identity-service", "permissions-service", "sharing-service",
            "sessions-service", "feed-service", "mailer-service", "console", "gateway");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{(LEXGUARD_[A-Z0-9_]*)[:}]");
    /** Read by platform/events' defaults in every service rather than by its application.properties: passed when offered. */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("LEXGUARD_OTEL_ENDPOINT");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /**
     * Where the servers are and how to run the services.
     *
     * @param jdbcBase e.g. {@code jdbc:postgresql://127.0.0.1:15432/}; the service's database name is appended
     * @param reactiveBase e.g. {@code postgresql://127.0.0.1:15432/}
     * @param kafka the broker and the file of its principals' passwords (each service signs in as its own)
     * @param freePorts true: every service on a free port (tests); false: the ports of their configuration
     * @param replicas processes of each service module ({@link #REPLICATED}); the gateway spreads requests over them
     */
    public record Settings(String jdbcBase, String reactiveBase, String pgUser, String pgPassword, ConnectionSettings kafka,
            boolean freePorts, Path logs, List<String> modules, Map<String, String> extraEnvironment, int replicas) {

        public Settings {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be at least 1, was " + replicas);
            }
        }

        /** One process of each module. */
        public Settings(String jdbcBase, String reactiveBase, String pgUser, String pgPassword, ConnectionSettings kafka,
                boolean freePorts, Path logs, List<String> modules, Map<String, String> extraEnvironment) {
            this(jdbcBase, reactiveBase, pgUser, pgPassword, kafka, freePorts, logs, modules, extraEnvironment, 1);
        }

        /** The modules on free ports against a devstack's PostgreSQL (as its superuser) and Kafka: tests and tools. */
        public static Settings onDevstack(ConnectionSettings devstack, Path logs, List<String> modules,
                Map<String, String> extraEnvironment, int replicas) {
            String server = devstack.pgHost() + ":" + devstack.pgPort() + "/";
            return new Settings("jdbc:postgresql://" + server, "postgresql://" + server, devstack.pgUser(),
                    devstack.pgPassword(), devstack, true, logs, modules, extraEnvironment, replicas);
        }
    }

    /**
     * The modules that run as several processes with {@code replicas > 1}: the services. Not the gateway: it is the
     * system's one address here (several need a balancer in front, nginx in the benchmark) and keeps revocations and
     * rate limits in memory, which several instances would not yet share (issue 21's next slices). Not the console:
     * it is a frontend, not a service, and keeps its sign-in sessions in memory.
     */
    public static final Set<String> REPLICATED = Set.of("identity-service", "permissions-service", "sharing-service",
            "sessions-service", "feed-service", "mailer-service");
    /** With fixed ports, replica i (from 0) of a module listens on its configured port + i * this. */
    static final int REPLICA_PORT_STEP = 100;
    /** The key id of identity's replicas' shared signing key. */
    static final String SHARED_KEY_ID = "replicas";

    /**
     * A service module of this checkout: its name, HTTP port, packaged application, the variables it reads, and the
     * port of its management interface (health, metrics) when its build enables one (0 otherwise; enabling it is
     * build-time configuration, so the packaged gateway serves health there in every profile).
     */
    public record Module(String name, int port, Path application, Set<String> variables, int managementPort) {

        URI health() {
            return URI.create("http://127.0.0.1:" + (managementPort > 0 ? managementPort : port) + "/q/health/ready");
        }
    }

    /** Each module's instances, the first one first. */
    private final Map<String, List<Module>> modules;
    private final List<ServiceProcess> processes;
    private final Map<ServiceProcess, Module> processModules = new HashMap<>();
    private final ServiceContainers containers;
    /** identity-service's signing key when it runs as several processes (each would otherwise make its own). */
    private Path sharedSigningKey;

    private LexGuardSystem(Map<String, List<Module>> modules, List<ServiceProcess> processes,
            ServiceContainers containers) {
        this.modules = modules;
        this.processes = processes;
        this.containers = containers;
    }

    /**
     * The instances of {@code module}: one, or {@code replicas} of a {@link #REPLICATED} module, on free ports
     * ({@code ports} gives them) or on the configured ports and then port + 100, port + 200 ...
     */
    static List<Module> instances(Module module, int replicas, boolean freePorts, PortSource ports) throws IOException {
        int count = REPLICATED.contains(module.name()) ? replicas : 1;
        List<Module> instances = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int step = i * REPLICA_PORT_STEP;
            instances.add(freePorts
                    ? new Module(module.name(), ports.next(), module.application(), module.variables(),
                            module.managementPort() > 0 ? ports.next() : 0)
                    : new Module(module.name(), module.port() + step, module.application(), module.variables(),
                            module.managementPort() > 0 ? module.managementPort() + step : 0));
        }
        return instances;
    }

    /** Where free ports come from (a real free port in the runner, a sequence in tests). */
    @FunctionalInterface
    interface PortSource {
        int next() throws IOException;
    }

    /**
     * {@code source}, never giving the same port twice. A free port is found by binding port 0 and closing the socket,
     * and the system asks for all of them before any service binds one: the kernel may hand the same port out again
     * (with two replicas, identity-service and the second feed-service were both given one port, and the gateway
     * then asked feed-service for identity's key set).
     */
    static PortSource distinct(PortSource source) {
        Set<Integer> given = new HashSet<>();
        return () -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = source.next();
                if (given.add(port)) {
                    return port;
                }
            }
            throw new IOException("no port that was not given already after 100 attempts");
        };
    }

    /** Starts every wanted module and waits until each answers its readiness check. */
    public static LexGuardSystem start(Path root, Settings settings) throws IOException, InterruptedException {
        return start(root, settings, System.getenv());
    }

    /** {@link #start(Path, Settings)}, with {@code LEXGUARD_SERVICES} and its companions read from {@code launcher}. */
    public static LexGuardSystem start(Path root, Settings settings, Map<String, String> launcher)
            throws IOException, InterruptedException {
        Map<String, List<Module>> modules = new LinkedHashMap<>();
        PortSource ports = distinct(LexGuardSystem::freePort);
        for (Module module : modules(root, settings.modules())) {
            modules.put(module.name(), instances(module, settings.replicas(), settings.freePorts(), ports));
        }
        // a devstack started before a service was added lacks its database: create what is missing
        DevStack servers = DevStack.external(settings.kafka());
        for (List<Module> instances : modules.values()) {
            if (instances.get(0).variables().contains("LEXGUARD_DB_JDBC_URL")) {
                servers.ensureDatabase(instances.get(0).name().replace("-service", ""));
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<ServiceProcess> processes = new ArrayList<>();
        ServiceContainers containers = ServiceContainers.fromEnvironment(launcher);
        LexGuardSystem system = new LexGuardSystem(modules, processes, containers);
        try {
            if (modules.getOrDefault("identity-service", List.of()).size() > 1) {
                system.sharedSigningKey = writeSigningKey(settings.logs());
            }
            for (Module module : modules.values().stream().flatMap(List::stream).toList()) {
                Map<String, String> environment = system.environment(root, module, settings);
                List<String> command;
                if (containers != null) {
                    command = containers.command(module, environment);
                } else {
                    command = new ArrayList<>(List.of(java, "-Dquarkus.profile=dev", "-Dquarkus.http.port=" + module.port(),
                            "-XX:TieredStopAtLevel=1", "-Xmx384m"));
                    // e.g. "-XX:TieredStopAtLevel=4" for benchmarks: the defaults above favour a quick start
                    command.addAll(extraJavaOptions(System.getenv("LEXGUARD_JAVA_OPTS")));
                    if (module.managementPort() > 0) {
                        command.add("-Dquarkus.management.port=" + module.managementPort());
                        command.add("-Dquarkus.management.host=127.0.0.1");
                    }
                    command.addAll(List.of("-jar", module.application().toString()));
                }
                int replica = modules.get(module.name()).indexOf(module);
                // the first instance keeps the module's name (and log file), the others are numbered from 2
                String name = replica == 0 ? module.name() : module.name() + "-" + (replica + 1);
                ServiceProcess process = ServiceProcess.start(name, command, environment, root, settings.logs());
                processes.add(process);
                system.processModules.put(process, module);
            }
            for (ServiceProcess process : processes) {
                process.awaitReady(system.processModules.get(process).health(), READY_TIMEOUT);
            }
            return system;
        } catch (IOException | InterruptedException | RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /**
     * An RSA key for identity-service's replicas to share, in a file only this user may read: in the dev profile each
     * process would otherwise generate its own, and tokens of one would be unknown to the JWKS the others publish.
     */
    static Path writeSigningKey(Path directory) throws IOException {
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createDirectories(directory);
        Path file = directory.resolve("identity-replicas-signing-key.pem");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }

    /** JVM options for every service, after the defaults (so they win): whitespace-separated, none when blank. */
    static List<String> extraJavaOptions(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** The modules of this checkout among {@code wanted}, in start order; fails if one is not packaged. */
    public static List<Module> modules(Path root, List<String> wanted) throws IOException {
        List<Module> modules = new ArrayList<>();
        for (String name : MODULES.stream().filter(wanted::contains).toList()) {
            Path properties = root.resolve(name).resolve("src/main/resources/application.properties");
            if (!Files.isRegularFile(properties)) {
                continue;
            }
            Properties config = new Properties();
            try (Reader reader = Files.newBufferedReader(properties)) {
                config.load(reader);
            }
            Set<String> variables = new TreeSet<>();
            Matcher matcher = ENV_REFERENCE.matcher(Files.readString(properties));
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            Path application = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(application)) {
                throw new IllegalStateException(application + " is missing: build first with ./mvnw -B -q package -DskipTests");
            }
            boolean management = "true".equals(config.getProperty("%prod.quarkus.management.enabled"))
                    || "true".equals(config.getProperty("quarkus.management.enabled"));
            modules.add(new Module(name, Integer.parseInt(config.getProperty("quarkus.http.port")), application, variables,
                    management ? Integer.parseInt(config.getProperty("quarkus.management.port", "9000")) : 0));
        }
        return modules;
    }

    /**
     * The settings every service shares, then the upstreams' addresses ({@code LEXGUARD_<SERVICE>_URL}, for the
     * gateway and for the services that read identity's key set), filtered to what the module reads. The gateway gets
     * every instance's address, separated by commas; a service reading identity's key set takes one address and gets
     * the first instance's.
     */
    private Map<String, String> environment(Path root, Module module, Settings settings) {
        String database = module.name().replace("-service", "");
        Map<String, String> offered = new HashMap<>();
        offered.put("LEXGUARD_DB_USER", settings.pgUser());
        offered.put("LEXGUARD_DB_PASSWORD", settings.pgPassword());
        offered.put("LEXGUARD_DB_JDBC_URL", settings.jdbcBase() + database);
        offered.put("LEXGUARD_DB_REACTIVE_URL", settings.reactiveBase() + database);
        offered.put("LEXGUARD_KAFKA_BOOTSTRAP_SERVERS", settings.kafka().kafkaBootstrapServers());
        offered.put("LEXGUARD_TRUSTED_PROXIES", "127.0.0.1/32");
        // sessions-service locates addresses with MaxMind's public test databases (they know a few addresses, among
        // them London's 81.2.69.142 and Changchun's 175.16.199.0); production mounts GeoLite2/GeoIP2 files instead
        Path geoip = root.resolve("sessions-service/src/test/resources/geoip");
        offered.put("LEXGUARD_GEOIP_CITY_DB", geoip.resolve("GeoLite2-City-Test.mmdb").toString());
        offered.put("LEXGUARD_GEOIP_ASN_DB", geoip.resolve("GeoLite2-ASN-Test.mmdb").toString());
        boolean gateway = "gateway".equals(module.name());
        for (String upstream : modules.keySet()) {
            offered.put("LEXGUARD_" + upstream.replace("-service", "").toUpperCase() + "_URL", gateway
                    ? String.join(",", urls(upstream).stream().map(URI::toString).toList())
                    : url(upstream).toString());
        }
        offered.putAll(settings.extraEnvironment());
        Map<String, String> environment = new HashMap<>();
        offered.forEach((name, value) -> {
            if (module.variables().contains(name) || PLATFORM_VARIABLES.contains(name)) {
                environment.put(name, value);
            }
        });
        if ("identity-service".equals(module.name()) && sharedSigningKey != null) {
            environment.put("LEXGUARD_IDENTITY_TOKENS_ACTIVE_KEY_ID", SHARED_KEY_ID);
            environment.put("LEXGUARD_IDENTITY_TOKENS_KEYS_" + SHARED_KEY_ID.toUpperCase(Locale.ROOT)
                    + "_PRIVATE_KEY_LOCATION", sharedSigningKey.toString());
        }
        // every service signs in to Kafka as its own principal (platform/events' defaults read these two); the console
        // uses no Kafka and has none
        if (!"console".equals(module.name())) {
            String principal = KafkaAccess.principal(module.name()).orElseThrow(
                    () -> new IllegalStateException(module.name() + " has no Kafka principal in KafkaAccess")).name();
            environment.put("LEXGUARD_KAFKA_USERNAME", principal);
            environment.put("LEXGUARD_KAFKA_PASSWORD", settings.kafka().kafkaCredentials().password(principal));
        }
        return environment;
    }

    /** The address of the module's first instance. */
    public URI url(String module) {
        return urls(module).get(0);
    }

    /** The addresses of each of the module's instances. */
    public List<URI> urls(String module) {
        List<Module> found = modules.get(module);
        if (found == null) {
            throw new IllegalArgumentException(module + " is not running");
        }
        return found.stream().map(instance -> URI.create("http://127.0.0.1:" + instance.port())).toList();
    }

    public URI gateway() {
        return url("gateway");
    }

    public List<String> running() {
        return List.copyOf(modules.keySet());
    }

    /** The pid of the module's (first instance's) JVM: its process's, or that of the container's main process. */
    public long javaPid(String module) throws IOException, InterruptedException {
        if (containers != null) {
            List<Module> found = modules.get(module);
            if (found == null) {
                throw new IllegalArgumentException(module + " is not running");
            }
            return containers.javaPid(found.get(0));
        }
        return processes.stream().filter(p -> p.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(module + " is not running")).pid();
    }

    /** A process that has ended although nobody stopped it, if any. */
    public ServiceProcess crashed() {
        return processes.stream().filter(p -> !p.alive()).findFirst().orElse(null);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    /** Stops every module, last started first, each with SIGTERM and then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(grace);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
