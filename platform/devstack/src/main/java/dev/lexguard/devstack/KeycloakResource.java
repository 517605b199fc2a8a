package dev.lexguard.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives a {@code @QuarkusTest} a real Keycloak, only when the test asks for it:
 * <pre>
 * &#64;QuarkusTestResource(KeycloakResource.class)
 * </pre>
 * It uses the Keycloak named by {@value #ENV_URL} (with {@value #ENV_ADMIN_USERNAME} and {@value #ENV_ADMIN_PASSWORD})
 * when set, else one Keycloak started for this test JVM and shared by every test class that uses this resource
 * (Quarkus restarts the application between test classes with different resources; Keycloak's 15 to 60 s start
 * is paid once). It stops when the JVM exits; its watchdog stops it when the JVM dies.
 * <p>
 * The application gets {@code lexguard.devstack.keycloak.url}, {@code .admin-username} and {@code .admin-password}.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    public static final String ENV_URL = "LEXGUARD_KEYCLOAK_URL";
    public static final String ENV_ADMIN_USERNAME = "LEXGUARD_KEYCLOAK_ADMIN_USERNAME";
    public static final String ENV_ADMIN_PASSWORD = "LEXGUARD_KEYCLOAK_ADMIN_PASSWORD";
    public static final String CONFIG_PREFIX = "lexguard.devstack.keycloak.";

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
        settings = fromEnvironment(environment).orElseGet(() -> {
            KeycloakServer server = sharedServer();
            return new KeycloakSettings(server.url(), server.adminUsername(), server.adminPassword());
        });
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
    public static synchronized KeycloakServer sharedServer() {
        if (shared == null || !shared.isAlive()) {
            KeycloakServer server = KeycloakServer.start(KeycloakOptions.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "lexguard-keycloak-stop"));
            shared = server;
        }
        return shared;
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
