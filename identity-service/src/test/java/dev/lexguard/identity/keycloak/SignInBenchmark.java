package dev.lexguard.identity.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.DevStack;
import dev.lexguard.devstack.InjectDevStack;
import dev.lexguard.devstack.KeycloakOptions;
import dev.lexguard.devstack.KeycloakServer;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.TotpCodes;
import dev.lexguard.identity.twofactor.Base32;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LexGuard's password + TOTP sign-in against Keycloak's own (direct grant with OTP) at the same Argon2id cost
 * (19456 KiB, 2 iterations, parallelism 1), on this machine. Not a test: it prints numbers (docs/benchmarks.md).
 * <pre>
 * ./mvnw -o -B -pl identity-service verify -Dtest=SignInBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * </pre>
 * Each sign-in uses its own account (both sides refuse a TOTP code twice), so every one pays one Argon2 check.
 * CPU per sign-in: LexGuard = this JVM (service and load generator) + its PostgreSQL; Keycloak = its JVM.
 */
@QuarkusTest
class SignInBenchmark {

    private static final int WARMUP = 30;
    private static final int SEQUENTIAL = 100;
    private static final int CONCURRENT = 160;
    private static final int THREADS = 4;
    private static final String PASSWORD = "tide clock harbour lantern";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICKS = 100;

    @InjectDevStack
    DevStack devStack;

    private final HttpClient http = HttpClient.newHttpClient();

    record Account(String username, String base32) {
    }

    interface SignIn {
        void run(Account account) throws Exception;
    }

    @Test
    void lexGuardAgainstKeycloak() throws Exception {
        int total = WARMUP + SEQUENTIAL + CONCURRENT;
        try (KeycloakServer server = KeycloakServer.start(KeycloakOptions.defaults().withArguments(
                "--spi-password-hashing--argon2--memory=19456", "--spi-password-hashing--argon2--iterations=2",
                "--spi-password-hashing--argon2--parallelism=1"))) {
            List<Account> keycloakAccounts = keycloakAccounts(server, total);
            List<Account> lexGuardAccounts = lexGuardAccounts(total);
            String tokenUrl = server.url() + "/realms/bench/protocol/openid-connect/token";
            long keycloakPid = server.pid();

            SignIn lexGuard = this::lexGuardSignIn;
            SignIn keycloak = account -> keycloakSignIn(tokenUrl, account);
            run("LexGuard password+TOTP", lexGuard, lexGuardAccounts, this::lexGuardCpu);
            run("Keycloak direct grant+OTP", keycloak, keycloakAccounts, () -> cpuOfTree(keycloakPid));
        }
    }

    private void run(String name, SignIn signIn, List<Account> accounts, CpuClock cpu) throws Exception {
        for (Account account : accounts.subList(0, WARMUP)) {
            signIn.run(account);
        }
        List<Double> latencies = new ArrayList<>();
        for (Account account : accounts.subList(WARMUP, WARMUP + SEQUENTIAL)) {
            long start = System.nanoTime();
            signIn.run(account);
            latencies.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(latencies);
        List<Account> rest = accounts.subList(WARMUP + SEQUENTIAL, accounts.size());
        AtomicInteger next = new AtomicInteger();
        long cpuBefore = cpu.millis();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < rest.size()) {
                        signIn.run(rest.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuMillis = cpu.millis() - cpuBefore;
        System.out.printf(Locale.ROOT, "BENCHMARK %s: sequential %d sign-ins p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " %d concurrent (%d clients) %.1f sign-ins/s, CPU %.1f ms per sign-in%n", name, SEQUENTIAL,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.get(latencies.size() - 1),
                rest.size(), THREADS, rest.size() / seconds, (double) cpuMillis / rest.size());
    }

    interface CpuClock {
        long millis() throws IOException;
    }

    private void lexGuardSignIn(Account account) throws Exception {
        String base = "http://127.0.0.1:" + RestAssured.port;
        String ip = Fixtures.uniqueIp();
        JsonNode first = post(base + "/api/v1/auth/login", ip, Map.of("email", account.username(), "password", PASSWORD));
        assertThat(first.path("status").asText()).isEqualTo("two_factor_required");
        JsonNode second = post(base + "/api/v1/auth/login/two-factor", ip,
                Map.of("challengeToken", first.path("challengeToken").asText(), "code", TotpCodes.now(account.base32())));
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("authenticated");
    }

    private JsonNode post(String url, String ip, Map<String, String> body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private void keycloakSignIn(String tokenUrl, Account account) throws Exception {
        String form = "grant_type=password&client_id=bench&scope=openid&username="
                + URLEncoder.encode(account.username(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&totp=" + TotpCodes.now(account.base32());
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"access_token\"");
    }

    /** Firms whose owners have TOTP: sign-up, sign-in, enrolment, as a person would. */
    private List<Account> lexGuardAccounts(int count) {
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = Fixtures.uniqueEmail("bench");
            given().contentType(ContentType.JSON).body(Map.of("firmName", "Bench " + UUID.randomUUID(),
                    "ownerName", "Bea Bench", "ownerEmail", email, "password", PASSWORD))
                    .post("/api/v1/firms").then().statusCode(201);
            String token = Fixtures.login(email, PASSWORD, Fixtures.uniqueIp()).statusCode(200).extract().path("accessToken");
            String secret = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/two-factor/enrolment").then().statusCode(200).extract().path("secret");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("code", TotpCodes.now(secret)))
                    .post("/api/v1/two-factor/enrolment/confirm").then().statusCode(200);
            accounts.add(new Account(email, secret));
        }
        // each code is accepted once: sign-ins start in a time step after every enrolment's
        try {
            Thread.sleep(30_000 - System.currentTimeMillis() % 30_000 + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return accounts;
    }

    /** A realm with Argon2id passwords at LexGuard's cost, users with an OTP credential, a direct-grant client. */
    private static List<Account> keycloakAccounts(KeycloakServer server, int count) {
        try (Keycloak admin = KeycloakBuilder.builder().serverUrl(server.url()).realm("master").clientId("admin-cli")
                .grantType(OAuth2Constants.PASSWORD).username(server.adminUsername()).password(server.adminPassword())
                .build()) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm("bench");
            realm.setEnabled(true);
            realm.setPasswordPolicy("hashAlgorithm(argon2) and hashIterations(2)");
            admin.realms().create(realm);
            RealmResource bench = admin.realm("bench");
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId("bench");
            client.setPublicClient(true);
            client.setDirectAccessGrantsEnabled(true);
            client.setStandardFlowEnabled(false);
            try (Response created = bench.clients().create(client)) {
                assertThat(created.getStatus()).isEqualTo(201);
            }
            SecureRandom random = new SecureRandom();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            List<Account> accounts = new ArrayList<>();
            List<UserRepresentation> users = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StringBuilder secret = new StringBuilder();
                for (int c = 0; c < 20; c++) {
                    secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String username = "bench-" + i + "@bench.example";
                CredentialRepresentation otp = new CredentialRepresentation();
                otp.setType("otp");
                otp.setSecretData("{\"value\":\"" + secret + "\"}");
                otp.setCredentialData("{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
                UserRepresentation user = new UserRepresentation();
                user.setUsername(username);
                user.setEmail(username);
                user.setEmailVerified(true);
                user.setFirstName("Bea");
                user.setLastName("Bench");
                user.setEnabled(true);
                user.setCredentials(List.of(otp));
                users.add(user);
                accounts.add(new Account(username, Base32.encode(secret.toString().getBytes(StandardCharsets.US_ASCII))));
            }
            PartialImportRepresentation importing = new PartialImportRepresentation();
            importing.setUsers(users);
            importing.setIfResourceExists("FAIL");
            try (Response imported = bench.partialImport(importing)) {
                assertThat(imported.getStatus()).isEqualTo(200);
            }
            for (Account account : accounts) {
                String id = bench.users().searchByUsername(account.username(), true).get(0).getId();
                CredentialRepresentation password = new CredentialRepresentation();
                password.setType(CredentialRepresentation.PASSWORD);
                password.setValue(PASSWORD);
                password.setTemporary(false);
                bench.users().get(id).resetPassword(password);
            }
            String first = bench.users().searchByUsername(accounts.get(0).username(), true).get(0).getId();
            bench.users().get(first).credentials().stream().filter(c -> "password".equals(c.getType()))
                    .forEach(c -> System.out.println("BENCHMARK Keycloak password credential: " + c.getCredentialData()));
            return accounts;
        }
    }

    private long lexGuardCpu() throws IOException {
        long own = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
        long postmaster = devStack.postgresPid().orElse(-1);
        return own + (postmaster > 0 ? cpuOfChildren(postmaster) + cpuOf(postmaster) : 0);
    }

    /** CPU of a process and all its descendants (kc.sh and the Keycloak JVM). */
    private static long cpuOfTree(long pid) throws IOException {
        long total = cpuOf(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).orElseThrow().descendants().toList()) {
            total += cpuOf(child.pid());
        }
        return total;
    }

    private static long cpuOfChildren(long parent) throws IOException {
        long total = 0;
        for (ProcessHandle child : ProcessHandle.of(parent).orElseThrow().children().toList()) {
            total += cpuOf(child.pid());
        }
        return total;
    }

    /** utime + stime of a live process in milliseconds, from /proc (clock ticks of 10 ms). */
    private static long cpuOf(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
