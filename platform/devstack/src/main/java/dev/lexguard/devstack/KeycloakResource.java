package dev.lexguard.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Gives a {@code @QuarkusTest} a real Keycloak, only when the test asks for it:
 * <pre>
 * &#64;QuarkusTestResource(KeycloakResource.class)
 * </pre>
 * It uses the Keycloak named by {@value #ENV_URL} (with {@value #ENV_ADMIN_USERNAME} and {@value #ENV_ADMIN_PASSWORD})
 * when set, else one Keycloak started for this test JVM and shared by every test class that uses this resource.
 * Quarkus loads test resources anew with each application restart (between test classes with other resources), so
 * a static field alone would start one Keycloak per class: the first start also writes a small file named after this
 * JVM's pid ({@value #JVM_FILE_PREFIX}pid) that later class loaders of the same JVM read. Keycloak's 15 to 60 s start
 * is paid once; it stops when the JVM exits, and its watchdog stops it when the JVM dies.
 * <p>
 * The application gets {@code lexguard.devstack.keycloak.url}, {@code .admin-username} and {@code .admin-password}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_URL = "LEXGUARD_KEYCLOAK_URL";
    public static final String ENV_ADMIN_USERNAME = "LEXGUARD_KEYCLOAK_ADMIN_USERNAME";
    public static final String ENV_ADMIN_PASSWORD = "LEXGUARD_KEYCLOAK_ADMIN_PASSWORD";
    public static final String CONFIG_PREFIX = "lexguard.devstack.keycloak.";
    static final String JVM_FILE_PREFIX = "lexguard-keycloak-jvm-";

    private static final System.Logger LOG = System.getLogger(KeycloakResource.class.getName());
    private static KeycloakServer shared;

    private final Map<String, String> environment;
    private KeycloakSettings settings;

    public KeycloakResource() {
        this(System.getenv());
    }

    KeycloakResource(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Map<String, String> start() {
        settings = fromEnvironment(environment).orElseGet(KeycloakResource::sharedServer);
        LOG.log(Level.INFO, "Keycloak for tests: {0}", settings.url());
        return config(settings);
    }

    static Map<String, String> config(KeycloakSettings settings) {
        return Map.of(CONFIG_PREFIX + "url", settings.url(),
                CONFIG_PREFIX + "admin-username", settings.adminUsername(),
                CONFIG_PREFIX + "admin-password", settings.adminPassword());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(settings,
                new TestInjector.AnnotatedAndMatchesType(InjectKeycloak.class, KeycloakSettings.class));
    }

    @Override
    public void stop() {
        // the shared server outlives one test class on purpose; the shutdown hook (or the watchdog) stops it
    }

    /** The Keycloak this JVM started for its tests, starting it on first use. */
    public static KeycloakSettings sharedServer() {
        synchronized (KeycloakResource.class) {
            if (shared != null && shared.isAlive()) {
                return settingsOf(shared);
            }
        }
        // one start per JVM, whichever class loader asks first; the others find its file
        synchronized (System.class) {
            Path file = jvmFile();
            Optional<KeycloakSettings> started = readJvmFile(file);
            if (started.isPresent()) {
                return started.get();
            }
            KeycloakServer server = KeycloakServer.start(KeycloakOptions.defaults());
            writeJvmFile(file, server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the next JVM with this pid finds the Keycloak pid dead and ignores the file
                }
            }, "lexguard-keycloak-stop"));
            synchronized (KeycloakResource.class) {
                shared = server;
            }
            return settingsOf(server);
        }
    }

    private static KeycloakSettings settingsOf(KeycloakServer server) {
        return new KeycloakSettings(server.url(), server.adminUsername(), server.adminPassword());
    }

    static Path jvmFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), JVM_FILE_PREFIX + ProcessHandle.current().pid());
    }

    private static void writeJvmFile(Path file, KeycloakServer server) {
        Properties values = new Properties();
        values.setProperty("url", server.url());
        values.setProperty("adminUsername", server.adminUsername());
        values.setProperty("adminPassword", server.adminPassword());
        values.setProperty("pid", Long.toString(server.pid()));
        try (Writer out = Files.newBufferedWriter(file)) {
            values.store(out, "the Keycloak of test JVM " + ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The Keycloak another class loader of this JVM started, if its file is there and its process alive. */
    static Optional<KeycloakSettings> readJvmFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties values = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            values.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid = Long.parseLong(values.getProperty("pid", "-1"));
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(new KeycloakSettings(values.getProperty("url"), values.getProperty("adminUsername"),
                values.getProperty("adminPassword")));
    }

    /** The Keycloak the environment names, if it names one; naming only part of it is a mistake and fails. */
    static Optional<KeycloakSettings> fromEnvironment(Map<String, String> env) {
        List<String> names = List.of(ENV_URL, ENV_ADMIN_USERNAME, ENV_ADMIN_PASSWORD);
        if (!EnvironmentNames.allOrNone(env, names)) {
            return Optional.empty();
        }
        String url = env.get(ENV_URL).trim().replaceFirst("/+$", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalStateException(ENV_URL + " must be an http(s) URL, was: " + url);
        }
        return Optional.of(new KeycloakSettings(url, env.get(ENV_ADMIN_USERNAME).trim(), env.get(ENV_ADMIN_PASSWORD)));
    }
}
