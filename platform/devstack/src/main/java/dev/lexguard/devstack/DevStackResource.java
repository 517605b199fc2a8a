package dev.lexguard.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a {@code @QuarkusTest} its PostgreSQL database and Kafka broker.
 * <pre>
 * &#64;QuarkusTestResource(value = DevStackResource.class, initArgs = &#64;ResourceArg(name = "database", value = "identity"))
 * </pre>
 * Unless {@code isolated=true}, it uses, in this order: the servers named by the LEXGUARD_* environment variables;
 * a devstack started from the command line (found through its state file); a private stack shared by this JVM.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_PG_URL = "LEXGUARD_PG_URL";
    public static final String ENV_PG_USER = "LEXGUARD_PG_USER";
    public static final String ENV_PG_PASSWORD = "LEXGUARD_PG_PASSWORD";
    public static final String ENV_KAFKA_BOOTSTRAP_SERVERS = "LEXGUARD_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_KAFKA_CREDENTIALS = "LEXGUARD_KAFKA_CREDENTIALS";
    /** The config key under which a test finds the credentials file, to act as another principal. */
    public static final String CREDENTIALS_KEY = "lexguard.devstack.kafka.credentials";

    private static final System.Logger LOG = System.getLogger(DevStackResource.class.getName());
    private static final SharedStack SHARED = new SharedStack();

    private final Map<String, String> environment;
    private final Path stateFile;
    private String database;
    private KafkaAccess.Principal principal;
    private boolean isolated;
    private DevStack stack;
    private DevStackSource source;

    public DevStackResource() {
        this(System.getenv(), StateFile.defaultPath());
    }

    DevStackResource(Map<String, String> environment, Path stateFile) {
        this.environment = environment;
        this.stateFile = stateFile;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get("database");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(
                    "DevStackResource needs the init arg 'database' (the service's database, e.g. identity)");
        }
        database = DatabaseNames.check(name.trim());
        isolated = Boolean.parseBoolean(initArgs.getOrDefault("isolated", "false").trim());
        principal = principal(database, initArgs);
    }

    /**
     * The Kafka principal the application signs in as: init arg {@code kafkaPrincipal}, by default
     * {@code <database>-service}. One of {@link KafkaAccess}'s has the matrix's rights; any other name (a library's
     * tests) is granted the topics of init args {@code kafkaWrites} and {@code kafkaReads} (comma-separated).
     */
    static KafkaAccess.Principal principal(String database, Map<String, String> initArgs) {
        String name = initArgs.getOrDefault("kafkaPrincipal", database + "-service").trim();
        return KafkaAccess.principal(name).orElseGet(() -> {
            if (!initArgs.containsKey("kafkaWrites") && !initArgs.containsKey("kafkaReads")) {
                throw new IllegalArgumentException("Kafka principal " + name + " is not one of LexGuard's (" + KafkaAccess.PRINCIPALS
                        .stream().map(KafkaAccess.Principal::name).toList() + "): name one with the init arg 'kafkaPrincipal',"
                        + " or give it topics with 'kafkaWrites' and 'kafkaReads'");
            }
            return new KafkaAccess.Principal(name, topics(initArgs.get("kafkaWrites")), topics(initArgs.get("kafkaReads")));
        });
    }

    private static List<String> topics(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    @Override
    public Map<String, String> start() {
        if (database == null) {
            throw new IllegalStateException("init(...) with a 'database' arg must come before start()");
        }
        if (isolated) {
            source = DevStackSource.PRIVATE;
            stack = DevStack.start(DevStackOptions.defaults());
        } else {
            Optional<ConnectionSettings> external = fromEnvironment(environment);
            Optional<StateFile.RunningStack> running = external.isPresent() ? Optional.empty()
                    : StateFile.findRunning(stateFile);
            if (external.isPresent()) {
                source = DevStackSource.ENVIRONMENT;
                stack = DevStack.external(external.get());
            } else if (running.isPresent()) {
                source = DevStackSource.STATE_FILE;
                stack = DevStack.external(running.get().settings());
            } else {
                source = DevStackSource.PRIVATE;
                stack = SHARED.acquire();
            }
        }
        stack.ensureDatabase(database);
        ConnectionSettings s = stack.settings();
        if (KafkaAccess.principal(principal.name()).isEmpty()) {
            KafkaAdmin.grant(s, principal);
        }
        LOG.log(Level.INFO, "database {0}: PostgreSQL {1}:{2}, Kafka {3} as {4}, from {5}{6}", database, s.pgHost(),
                Integer.toString(s.pgPort()), s.kafkaBootstrapServers(), principal.name(), describe(source),
                isolated ? " (isolated)" : "");
        return config(s, database, principal.name());
    }

    static Map<String, String> config(ConnectionSettings settings, String database, String kafkaPrincipal) {
        return Map.of(
                "quarkus.datasource.username", settings.pgUser(),
                "quarkus.datasource.password", settings.pgPassword(),
                "quarkus.datasource.jdbc.url", settings.jdbcUrl(database),
                "quarkus.datasource.reactive.url", settings.reactiveUrl(database),
                "kafka.bootstrap.servers", settings.kafkaBootstrapServers(),
                "lexguard.kafka.username", kafkaPrincipal,
                "lexguard.kafka.password", settings.kafkaCredentials().password(kafkaPrincipal),
                CREDENTIALS_KEY, settings.kafkaCredentialsFile().toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stack, new TestInjector.AnnotatedAndMatchesType(InjectDevStack.class, DevStack.class));
    }

    @Override
    public void stop() {
        if (stack == null) {
            return;
        }
        if (isolated) {
            stack.close();
        } else if (source == DevStackSource.PRIVATE) {
            SHARED.release();
        }
        stack = null;
    }

    /** The stack start() chose; null before start() and after stop(). */
    DevStack stack() {
        return stack;
    }

    DevStackSource source() {
        return source;
    }

    /**
     * The servers the environment names, if it names any. Naming only some of them is a mistake that would
     * otherwise send a test to a different server than the developer meant, so it fails.
     */
    static Optional<ConnectionSettings> fromEnvironment(Map<String, String> env) {
        List<String> names = List.of(ENV_PG_URL, ENV_PG_USER, ENV_PG_PASSWORD, ENV_KAFKA_BOOTSTRAP_SERVERS, ENV_KAFKA_CREDENTIALS);
        if (!EnvironmentNames.allOrNone(env, names)) {
            return Optional.empty();
        }
        URI url;
        try {
            url = new URI(env.get(ENV_PG_URL).trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(ENV_PG_URL + " is not a URL: " + env.get(ENV_PG_URL), e);
        }
        if (!"postgresql".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalStateException(ENV_PG_URL + " must look like postgresql://host:port, was: " + url);
        }
        if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
            throw new IllegalStateException(ENV_PG_URL + " names the server only (postgresql://host:port); "
                    + "each service picks its own database, was: " + url);
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        return Optional.of(new ConnectionSettings(host, url.getPort() > 0 ? url.getPort() : 5432,
                env.get(ENV_PG_USER).trim(), env.get(ENV_PG_PASSWORD), env.get(ENV_KAFKA_BOOTSTRAP_SERVERS).trim(),
                Path.of(env.get(ENV_KAFKA_CREDENTIALS).trim())));
    }

    private String describe(DevStackSource chosen) {
        return switch (chosen) {
            case ENVIRONMENT -> "the LEXGUARD_* environment variables";
            case STATE_FILE -> "the running devstack in " + stateFile;
            case PRIVATE -> "a devstack started for this test JVM";
        };
    }

    /** One private stack per test JVM, stopped when the last resource using it stops. */
    static final class SharedStack {
        private DevStack stack;
        private int users;

        synchronized DevStack acquire() {
            if (stack == null) {
                stack = DevStack.start(DevStackOptions.defaults());
            }
            users++;
            return stack;
        }

        synchronized void release() {
            if (users > 0 && --users == 0) {
                stack.close();
                stack = null;
            }
        }
    }
}
