package dev.lexguard.permissions.benchmark;

import dev.lexguard.permissions.Fixtures.TestFirm;
import dev.lexguard.permissions.Fixtures;
import dev.lexguard.permissions.IdentityEventsProducer;
import dev.lexguard.permissions.Tokens;
import dev.lexguard.permissions.access.AccessService;
import dev.lexguard.permissions.groupfilters.GroupFilter;
import dev.lexguard.permissions.rules.AccessDecision;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test: it asserts nothing and prints numbers. One firm with 200 users (projected from identity
 * events), 40 groups (each user in 3), 20,000 matters of which 30% are restricted (2 groups, 1 user, 1 block each).
 * Its name keeps it out of {@code ./mvnw verify}; run it with {@code -Dtest=AccessBenchmark} (see docs/benchmarks.md).
 */
@QuarkusTest
class AccessBenchmark {

    private static final int USERS = 200;
    private static final int GROUPS = 40;
    private static final int MATTERS = 20_000;
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 15);

    @Inject
    AccessService access;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL base;

    private final List<String> report = new ArrayList<>();

    @Test
    void run() throws Exception {
        line("%d cores, load average at start: %s", Runtime.getRuntime().availableProcessors(), loadAverage());
        TestFirm firm = Fixtures.firm();
        List<UUID> users = new ArrayList<>();
        for (int i = 1; i < USERS; i++) {
            UUID user = UUID.randomUUID();
            users.add(user);
            IdentityEventsProducer.send(IdentityEventsProducer.userCreated(firm.firmId(), user, String.format("User %03d", i), false,
                    firm.ownerId()));
        }
        Fixtures.awaitPermissions(firm, users.get(users.size() - 1), List.of());
        long seeding = System.nanoTime();
        seed(firm);
        line("seeded %d groups, %d matters (30%% restricted) and memberships in %d ms", GROUPS, MATTERS,
                (System.nanoTime() - seeding) / 1_000_000);
        List<UUID> matters = ids("select id from matter where firm_id = ?", firm.firmId());
        UUID restrictedUser = users.get(17);
        long visible = count("""
                select count(*) from matter m join matter_access a on a.matter_id = m.id and a.valid_to is null
                where m.firm_id = ? and (a.mode = 'everyone' or exists (select 1 from matter_access_entry e
                  left join group_member gm on gm.group_id = e.principal_id and gm.user_id = ? and gm.valid_to is null
                  where e.matter_id = m.id and e.valid_to is null and ((e.kind = 'group' and gm.user_id is not null)
                  or (e.kind = 'user' and e.principal_id = ?)))) and not exists (select 1 from matter_access_entry b
                  where b.matter_id = m.id and b.kind = 'block' and b.principal_id = ? and b.valid_to is null)""",
                firm.firmId(), restrictedUser, restrictedUser, restrictedUser);
        line("restricted user %s may see %d of %d matters", restrictedUser, visible, MATTERS);

        Random random = new Random(42);
        inProcess(firm, users, matters, random, 1);
        inProcess(firm, users, matters, random, 2);
        String token = Tokens.user(firm.firmId(), firm.ownerId());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        overHttpClosedLoop(http, token, users, matters, random, 1);
        overHttpClosedLoop(http, token, users, matters, random, 4);
        withWrk(token, users, matters, random, 1, 0);
        withWrk(token, users, matters, random, 4, 0);
        withWrk(token, users, matters, random, 4, 4);
        visibleMatters(http, firm, restrictedUser);
        filteredMatters(http, firm, restrictedUser);

        line("load average at end: %s", loadAverage());
        Path out = Path.of("target", "benchmark-results.txt");
        Files.write(out, report);
        line("written to %s", out.toAbsolutePath());
    }

    private void inProcess(TestFirm firm, List<UUID> users, List<UUID> matters, Random random, int loops) throws Exception {
        runChecks(firm, users, matters, random, 2_000);
        List<CompletableFuture<long[]>> runs = new ArrayList<>();
        int perLoop = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < loops; i++) {
            runs.add(runChecks(firm, users, matters, new Random(random.nextLong()), perLoop));
        }
        long[] all = runs.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).toArray();
        double seconds = (System.nanoTime() - start) / 1e9;
        line("in-process, %d sequential loop(s): %d checks in %.1f s = %.0f checks/s; latency %s", loops, all.length, seconds,
                all.length / seconds, percentiles(all));
    }

    /** {@code count} checks one after another on a Vert.x context, as a request would run them. */
    private CompletableFuture<long[]> runChecks(TestFirm firm, List<UUID> users, List<UUID> matters, Random random, int count) {
        long[] latencies = new long[count];
        Context root = vertx.getOrCreateContext();
        UUID[][] pairs = new UUID[count][];
        for (int i = 0; i < count; i++) {
            pairs[i] = new UUID[] {users.get(random.nextInt(users.size())), matters.get(random.nextInt(matters.size()))};
        }
        CompletableFuture<long[]> done = new CompletableFuture<>();
        Multi.createFrom().range(0, count)
                .onItem().transformToUniAndConcatenate(i -> Uni.createFrom().<AccessDecision>emitter(emitter -> {
                    // each check on its own duplicated context, as each HTTP request gets one
                    Context request = VertxContext.createNewDuplicatedContext(root);
                    request.runOnContext(v -> {
                        VertxContextSafetyToggle.setCurrentContextSafe(true);
                        long t0 = System.nanoTime();
                        access.check(firm.firmId(), firm.ownerId(), pairs[i][0], pairs[i][1], null).subscribe().with(decision -> {
                            latencies[i] = System.nanoTime() - t0;
                            emitter.complete(decision);
                        }, emitter::fail);
                    });
                }))
                .collect().last()
                .subscribe().with(last -> done.complete(latencies), done::completeExceptionally);
        return done;
    }

    private void overHttpClosedLoop(HttpClient http, String token, List<UUID> users, List<UUID> matters, Random random,
            int clients) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random own = new Random(random.nextLong());
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    HttpRequest request = checkRequest(token, users, matters, own);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().mapToLong(Long::longValue).toArray();
        line("HTTP, %d client(s) back to back for %d s: %.0f checks/s, %d non-200; latency %s", clients, SECONDS,
                all.length / (double) SECONDS, failures.get(), percentiles(all));
    }

    private void visibleMatters(HttpClient http, TestFirm firm, UUID user) throws Exception {
        String token = Tokens.user(firm.firmId(), user);
        URI first = base.toURI().resolve("/api/v1/access/users/" + user + "/matters?limit=50");
        for (int i = 0; i < 50; i++) {
            http.send(get(first, token), HttpResponse.BodyHandlers.ofString());
        }
        long[] latencies = new long[300];
        for (int i = 0; i < latencies.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(get(first, token), HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("visible matters answered " + response.statusCode());
            }
        }
        line("HTTP, first page (50) of a restricted user's visible matters: latency %s", percentiles(latencies));

        long t0 = System.nanoTime();
        int pages = 0;
        int items = 0;
        String cursor = null;
        do {
            URI uri = base.toURI().resolve("/api/v1/access/users/" + user + "/matters?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            String body = http.send(get(uri, token), HttpResponse.BodyHandlers.ofString()).body();
            pages++;
            items += body.split("\"displayNumber\"").length - 1;
            int at = body.indexOf("\"nextCursor\":\"");
            cursor = at < 0 ? null : body.substring(at + 14, body.indexOf('"', at + 14));
        } while (cursor != null);
        line("HTTP, every visible matter of a restricted user (limit 200): %d matters in %d pages in %d ms", items, pages,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Group filters on GET /api/v1/matters (issue 19): the first page (50) of a restricted user filtered by one of their
     * groups, by mine, by a group they are not in (few of its matters are visible to them: the sparse case), through
     * their saved default, and an administrator's by one group; each 300 times after 50 warm-ups. Then the plans
     * PostgreSQL chooses for the same statements (EXPLAIN ANALYZE of what the service runs).
     */
    private void filteredMatters(HttpClient http, TestFirm firm, UUID user) throws Exception {
        List<UUID> theirs = ids("select group_id from group_member where user_id = ? and valid_to is null order by group_id", user);
        List<UUID> all = ids("select id from access_group where firm_id = ? order by name", firm.firmId());
        UUID notTheirs = all.stream().filter(g -> !theirs.contains(g)).findFirst().orElseThrow();
        String userToken = Tokens.user(firm.firmId(), user);
        String ownerToken = Tokens.user(firm.firmId(), firm.ownerId());
        firstPage(http, userToken, "group=" + theirs.get(0), "one of their groups");
        firstPage(http, userToken, "group=mine", "mine (their 3 groups)");
        firstPage(http, userToken, "group=" + notTheirs, "a group they are not in");
        HttpResponse<String> saved = http.send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/groups/default-filter"))
                .header("Authorization", "Bearer " + userToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"groups\":[\"mine\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 200) {
            throw new IllegalStateException("saving the default filter answered " + saved.statusCode());
        }
        firstPage(http, userToken, "", "their saved default (mine), no group given");
        firstPage(http, ownerToken, "group=" + theirs.get(0), "an administrator, one group");

        GroupFilter oneOfTheirs = new GroupFilter(false, new TreeSet<>(List.of(theirs.get(0))));
        GroupFilter notInIt = new GroupFilter(false, new TreeSet<>(List.of(notTheirs)));
        GroupFilter mine = new GroupFilter(true, new TreeSet<>());
        explainPage("restricted user, one of their groups", oneOfTheirs, firm.firmId(), user, theirs.get(0));
        explainPage("restricted user, a group they are not in", notInIt, firm.firmId(), user, notTheirs);
        explainPage("restricted user, mine", mine, firm.firmId(), user, null);
        explain("without a snapshot (notifications down), restricted user, one of their groups",
                AccessService.visibleMattersSql(false, false, oneOfTheirs), firm.firmId(), user, theirs.get(0));
        explain("without a snapshot (notifications down), restricted user, mine",
                AccessService.visibleMattersSql(false, false, mine), firm.firmId(), user, null);
    }

    private void firstPage(HttpClient http, String token, String query, String what) throws Exception {
        URI first = base.toURI().resolve("/api/v1/matters?limit=50" + (query.isEmpty() ? "" : "&" + query));
        int items = 0;
        for (int i = 0; i < 50; i++) {
            String body = http.send(get(first, token), HttpResponse.BodyHandlers.ofString()).body();
            items = body.split("\"displayNumber\"").length - 1;
        }
        long[] latencies = new long[300];
        for (int i = 0; i < latencies.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(get(first, token), HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("filtered matters answered " + response.statusCode());
            }
        }
        line("HTTP, first page (50) of GET /api/v1/matters filtered by %s: %d items; latency %s", what, items, percentiles(latencies));
    }

    /**
     * What the service runs for a filtered page while it has the firm's snapshot: the visible matters among those the
     * filter names are chosen in memory, and this statement reads the page of them. The ids are the ones the
     * database statement finds (the same set; AccessSnapshotCacheTest proves both agree).
     */
    private void explainPage(String what, GroupFilter filter, UUID firm, UUID user, UUID group) throws Exception {
        String all = AccessService.visibleMattersSql(false, false, filter).replace(":filterGroups", group == null ? "''" : "'" + group + "'")
                .replace(":firm", "'" + firm + "'").replace(":user", "'" + user + "'").replace(":caller", "'" + user + "'")
                .replace(":rows", "100000");
        List<String> ids = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(all)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        String page = AccessService.pageOfMattersSql(false).replace(":matters", "'" + String.join(",", ids) + "'")
                .replace(":firm", "'" + firm + "'").replace(":rows", "51");
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain (analyze, buffers, costs off) " + page)) {
            line("plan, %s (%d visible matters chosen in memory, then their page; ids elided):", what, ids.size());
            while (rs.next()) {
                line("  %s", rs.getString(1).replaceAll("\\{[0-9a-f,-]{200,}\\}", "{...}"));
            }
        }
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the service's own statement, its named parameters written in as literals. */
    private void explain(String what, String sql, UUID firm, UUID user, UUID group) throws Exception {
        String literal = sql.replace(":filterGroups", group == null ? "''" : "'" + group + "'")
                .replace(":firm", "'" + firm + "'").replace(":user", "'" + user + "'").replace(":caller", "'" + user + "'")
                .replace(":rows", "51");
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("explain (analyze, buffers, costs off) " + literal)) {
            line("plan, %s:", what);
            while (rs.next()) {
                line("  %s", rs.getString(1));
            }
        }
    }

    /**
     * The same checks driven by wrk (a C load generator, {@code apt-get install wrk}), when it is installed: its
     * client costs far less than the JDK's, whose single selector thread cannot keep 1,000 requests/s in flight
     * on this machine. With a pause, each connection paces its requests (about 1,000 checks/s over 4 connections).
     */
    private void withWrk(String token, List<UUID> users, List<UUID> matters, Random random, int connections, int pauseMillis)
            throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            line("wrk is not installed: skipped the wrk runs");
            return;
        }
        StringBuilder lua = new StringBuilder("local paths = {\n");
        for (int i = 0; i < 5000; i++) {
            lua.append("  \"/api/v1/access/users/").append(users.get(random.nextInt(users.size()))).append("/matters/")
                    .append(matters.get(random.nextInt(matters.size()))).append("\",\n");
        }
        lua.append("}\nlocal i = 0\nwrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n")
                .append("request = function()\n  i = (i % #paths) + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
                .append(pauseMillis > 0 ? "delay = function()\n  return " + pauseMillis + "\nend\n" : "")
                .append("done = function(summary, latency, requests)\n")
                .append("  io.write(string.format(\"non2xx=%d\\n\", summary.errors.status))\nend\n");
        Path script = Path.of("target", "access-checks.lua");
        Files.writeString(script, lua);
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + SECONDS + "s", "--latency", "-s",
                script.toString(), base.toString().replaceAll("/$", "")).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes());
        wrk.waitFor(SECONDS + 30L, TimeUnit.SECONDS);
        StringBuilder summary = new StringBuilder();
        for (String row : output.split("\n")) {
            String trimmed = row.trim();
            if (trimmed.matches("(50|90|99)%.*") || trimmed.startsWith("Requests/sec") || trimmed.startsWith("non2xx")) {
                summary.append(trimmed.replaceAll("\\s+", " ")).append("; ");
            }
        }
        line("HTTP with wrk, %d connection(s), %s, for %d s: %s", connections,
                pauseMillis == 0 ? "back to back" : pauseMillis + " ms pause between a connection's requests", SECONDS, summary);
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    private static String loadAverage() throws Exception {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? String.join(" ", Arrays.copyOf(Files.readString(loadavg).split(" "), 3)) : "unknown";
    }

    private HttpRequest checkRequest(String token, List<UUID> users, List<UUID> matters, Random random) {
        UUID user = users.get(random.nextInt(users.size()));
        UUID matter = matters.get(random.nextInt(matters.size()));
        return get(base.toString().endsWith("/")
                ? URI.create(base + "api/v1/access/users/" + user + "/matters/" + matter)
                : URI.create(base + "/api/v1/access/users/" + user + "/matters/" + matter), token);
    }

    private static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println("BENCHMARK " + text);
    }

    /** Groups, memberships, matters and access lists in bulk, shaped exactly as the service writes them. */
    private static void seed(TestFirm firm) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            String f = "'" + firm.firmId() + "'";
            s.execute("select setseed(0.42)");
            s.execute("insert into access_group (id, firm_id, name, description, kind) select gen_random_uuid(), " + f
                    + ", 'Group ' || lpad(g::text, 2, '0'), '', 'other' from generate_series(1, " + GROUPS + ") g");
            s.execute("""
                    insert into group_member (firm_id, group_id, user_id, valid_from)
                    select distinct on (u.id, g.id) u.firm_id, g.id, u.id, now() - interval '1 day'
                    from app_user u cross join lateral (select id from access_group where firm_id = u.firm_id
                      order by md5(u.id::text || id::text) limit 3) g
                    where u.firm_id = %s and not u.owner""".formatted(f));
            s.execute("insert into matter (id, firm_id, display_number, description, status) select gen_random_uuid(), " + f
                    + ", 'B-' || lpad(i::text, 5, '0'), 'Benchmark matter ' || i, 'open' from generate_series(1, " + MATTERS + ") i");
            s.execute("""
                    insert into matter_access (firm_id, matter_id, mode, valid_from)
                    select firm_id, id, case when substr(display_number, 3)::int %% 10 < 3 then 'restricted' else 'everyone' end,
                      now() - interval '1 day' from matter where firm_id = %s""".formatted(f));
            s.execute("""
                    insert into matter_access_entry (firm_id, matter_id, kind, principal_id, valid_from)
                    select a.firm_id, a.matter_id, 'group', g.id, now() - interval '1 day' from matter_access a
                    cross join lateral (select id from access_group where firm_id = a.firm_id
                      order by md5(a.matter_id::text || id::text) limit 2) g
                    where a.firm_id = %s and a.mode = 'restricted'""".formatted(f));
            for (String kind : List.of("user", "block")) {
                s.execute("""
                        insert into matter_access_entry (firm_id, matter_id, kind, principal_id, valid_from)
                        select a.firm_id, a.matter_id, '%s', u.id, now() - interval '1 day' from matter_access a
                        cross join lateral (select id from app_user where firm_id = a.firm_id and not owner
                          order by md5(a.matter_id::text || id::text || '%s') limit 1) u
                        where a.firm_id = %s and a.mode = 'restricted'
                          and not exists (select 1 from matter_access_entry x where x.matter_id = a.matter_id and x.principal_id = u.id)
                        """.formatted(kind, kind, f));
            }
            s.execute("analyze");
        }
    }

    private static List<UUID> ids(String sql, UUID firm) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, firm);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static long count(String sql, Object... params) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
