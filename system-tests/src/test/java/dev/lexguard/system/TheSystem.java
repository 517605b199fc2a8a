package dev.lexguard.system;

import dev.lexguard.deploy.local.LexGuardSystem;
import dev.lexguard.deploy.local.MailServer;
import dev.lexguard.devstack.ConnectionSettings;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.DevStackOptions;
import dev.lexguard.identity.passkeys.SoftwareAuthenticator;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system, once per test run: a private devstack (so a story may stop its Kafka broker without disturbing
 * anything else on the machine), then every service and the gateway on free ports. Stories talk to the gateway
 * only; mailer-service delivers to a local mail server, whose mail the stories read as the recipients would.
 *
 * <p>A story annotated {@link Replicas} gets that many processes of each service: the services and the gateway are
 * restarted (on the same devstack and mail server) when the running system has another number, and again for the next
 * story without it. An annotation rather than a system property for the whole run: every other story keeps one
 * process of each, as before, and the replicas story runs with two whether it runs alone or with the whole suite.
 */
public final class TheSystem implements BeforeAllCallback {

    private static DevStack devstack;
    private static MailServer mail;
    private static LexGuardSystem system;
    private static int replicas;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Replicas wanted = context.getRequiredTestClass().getAnnotation(Replicas.class);
        int wantedReplicas = wanted == null ? 1 : wanted.value();
        synchronized (TheSystem.class) {
            if (system != null && replicas == wantedReplicas) {
                return;
            }
            if (system == null) {
                devstack = DevStack.start(DevStackOptions.defaults());
                mail = MailServer.start(0, 0);
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TheSystem.class.getName(),
                        (ExtensionContext.Store.CloseableResource) () -> {
                            if (system != null) {
                                system.close();
                            }
                            if (devstack != null) {
                                devstack.close();
                                mail.close();
                            }
                        });
            } else {
                system.close();
                system = null;
            }
            ConnectionSettings settings = devstack.settings();
            Path root = Path.of("..").toAbsolutePath().normalize();
            // the replicas' logs go apart, so that the one-process run's logs stay as they were
            Path logs = Path.of(wantedReplicas == 1 ? "target/system-logs" : "target/system-logs-" + wantedReplicas + "-replicas");
            try {
                system = LexGuardSystem.start(root, LexGuardSystem.Settings.onDevstack(settings, logs.toAbsolutePath(),
                        modules(), environment(), wantedReplicas));
            } catch (Exception e) {
                // the next story class starts afresh with servers of its own: these would only be in its way
                devstack.close();
                mail.close();
                devstack = null;
                mail = null;
                throw e;
            }
            replicas = wantedReplicas;
        }
    }

    /**
     * What every service is started with beyond the runner's own settings: the mail server, the web app the
     * passkey story's authenticator signs for (the relying party a firm's frontend would be), and the gateway's
     * limit of public requests per address.
     */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(mail.environment());
        environment.put("LEXGUARD_IDENTITY_WEBAUTHN_RP_ID", SoftwareAuthenticator.RP_ID);
        environment.put("LEXGUARD_IDENTITY_WEBAUTHN_ORIGINS", SoftwareAuthenticator.ORIGIN);
        // Every story is one client at 127.0.0.1 signing up firms, accepting invitations and signing in, a dozen
        // stories a few minutes apart: more than the 30 public requests a minute one address may make. The limit
        // itself is proved by the gateway's RateLimitResourceTest.
        environment.put("LEXGUARD_RATELIMIT_PUBLIC", "600");
        // shares expire within a story, and with two processes both sweep them (ReplicasStoryIT)
        environment.put("LEXGUARD_SHARING_SWEEP_INTERVAL", "2s");
        // every process exports its traces to one real OTLP/HTTP endpoint (TracingStoryIT)
        environment.put("LEXGUARD_OTEL_ENDPOINT", OtlpReceiver.shared().endpoint());
        return environment;
    }

    /** Every module, or those named by {@code -Dlexguard.system.modules=a,b} when working on a few. */
    private static List<String> modules() {
        String only = System.getProperty("lexguard.system.modules", "");
        return only.isBlank() ? LexGuardSystem.MODULES : List.of(only.split(","));
    }

    /** A request to the gateway. */
    public static RequestSpecification gateway() {
        return RestAssured.given().baseUri(system.gateway().toString()).contentType(ContentType.JSON);
    }

    /** A request to the gateway with an access token. */
    public static RequestSpecification as(String accessToken) {
        return gateway().header("Authorization", "Bearer " + accessToken);
    }

    /** The gateway's address, for clients RestAssured cannot stand in for (a server-sent event stream). */
    public static URI gatewayUri() {
        return system.gateway();
    }

    /** The addresses of each process of a module, bypassing the gateway. */
    public static List<URI> instances(String module) {
        return system.urls(module);
    }

    /** The mail server mailer-service delivers to. */
    public static MailServer mail() {
        return mail;
    }

    public static DevStack devstack() {
        return devstack;
    }
}
