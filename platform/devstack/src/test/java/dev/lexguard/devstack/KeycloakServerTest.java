package dev.lexguard.devstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A real Keycloak from the Maven-resolved distribution: it answers its admin API, and it never outlives its owner. */
class KeycloakServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startedKeycloakAnswersItsAdminApiAndStopsWithoutLeftovers() throws Exception {
        KeycloakServer server = KeycloakServer.start(KeycloakOptions.defaults());
        long pid = server.pid();
        List<ProcessHandle> group = ProcessHandle.of(pid).orElseThrow().descendants().toList();
        Path workDir = server.logFile().getParent();
        try {
            assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
            assertFalse(group.isEmpty(), "kc.sh should run the server JVM as its child");
            String token = adminToken(server.url(), server.adminUsername(), server.adminPassword());
            HttpResponse<String> realms = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/admin/realms"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, realms.statusCode(), realms.body());
            assertTrue(realms.body().contains("\"realm\":\"master\""), realms.body());

            HttpResponse<String> wrong = postForm(server.url() + "/realms/master/protocol/openid-connect/token",
                    "grant_type=password&client_id=admin-cli&username=admin&password=not-the-password");
            assertEquals(401, wrong.statusCode(), "a wrong administrator password must be refused");
        } finally {
            server.close();
        }
        assertGone(pid, server.httpPort(), group, workDir);
    }

    @Test
    void killedOwnerJvmLeavesNoKeycloakBehind() throws Exception {
        String classpath = codeLocation(KeycloakCrashMain.class) + File.pathSeparator + codeLocation(KeycloakServer.class);
        Process owner = new ProcessBuilder(SupervisorClasspath.javaExecutable().toString(), "-Xmx64m", "-cp", classpath,
                KeycloakCrashMain.class.getName()).redirectErrorStream(true).start();
        String[] line = readLine(owner);
        long pid = Long.parseLong(line[1]);
        int port = Integer.parseInt(line[2]);
        List<ProcessHandle> group = ProcessHandle.of(pid).orElseThrow().descendants().toList();
        assertTrue(Servers.accepts("127.0.0.1", port));

        owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        assertGone(pid, port, group, Path.of(line[3]));
    }

    static String adminToken(String url, String user, String password) throws Exception {
        HttpResponse<String> answer = postForm(url + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertEquals(200, answer.statusCode(), answer.body());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        assertTrue(token.find());
        return token.group(1);
    }

    private static HttpResponse<String> postForm(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertGone(long pid, int port, List<ProcessHandle> group, Path workDir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    || group.stream().anyMatch(ProcessHandle::isAlive);
            if (!alive && !Servers.accepts("127.0.0.1", port) && !Files.exists(workDir)) {
                return;
            }
            Thread.sleep(200);
        }
        fail("Keycloak (pid " + pid + ", port " + port + ") or its directory " + workDir + " is still there");
    }

    private static String codeLocation(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String[] readLine(Process owner) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("KEYCLOAK ")) {
                return line.split(" ");
            }
            seen.append(line).append('\n');
        }
        fail("the throwaway JVM printed no KEYCLOAK line:\n" + seen);
        return new String[0];
    }
}
