package dev.lexguard.feed.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.devstack.KafkaTestClients;
import dev.lexguard.feed.Events;
import dev.lexguard.feed.FeedDb;
import dev.lexguard.feed.Tokens;
import dev.lexguard.feed.reading.FeedFilter;
import dev.lexguard.feed.reading.FeedService;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.envelope.CloudEventCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.feed.reading.EntryResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test: it asserts nothing and prints numbers. Its name keeps it out of {@code ./mvnw verify};
 * run it with {@code -Dtest=FeedBenchmark} (see docs/benchmarks.md).
 * <ol>
 * <li>Ingestion: {@value #INGEST_EVENTS} events published onto lexguard.activity.events for 10 firms; events/s from
 * the first send to the last entry committed.</li>
 * <li>Page latency: one firm with {@value #ENTRIES} entries over 2,000 matters (bulk-loaded once and kept for reruns);
 * 40% of the matters are restricted, 30% of all of them hidden from the reader (the other 10% reach them through a
 * group); 20% of the entries concern no matter and 10% are security entries (administrators only). First pages and
 * deeper pages, in-process and over HTTP with an RS256 token.</li>
 * <li>Event-to-visible: events published one at a time onto the topic, timed until they arrive on the reader's live
 * stream (SSE).</li>
 * </ol>
 */
@QuarkusTest
class FeedBenchmark {

    static final int ENTRIES = Integer.getInteger("benchmark.entries", 5_000_000);
    static final int INGEST_EVENTS = Integer.getInteger("benchmark.ingest", 100_000);
    static final int MATTERS = 2_000;
    /** Requests before each measured series: enough for the JIT to compile the page path (200 were not, over HTTP). */
    static final int WARM_UPS = 1500;
    static final UUID FIRM = UUID.fromString("b0000000-0000-4000-8000-000000000005");
    static final UUID READER = UUID.fromString("b0000000-0000-4000-8000-0000000000a1");
    static final UUID ADMIN = UUID.fromString("b0000000-0000-4000-8000-0000000000a2");
    static final UUID READER_GROUP = UUID.fromString("b0000000-0000-4000-8000-0000000000b1");
    static final UUID OTHER_GROUP = UUID.fromString("b0000000-0000-4000-8000-0000000000b2");

    @Inject
    FeedService feed;

    @TestHTTPResource("/api/v1/feed")
    URL feedUrl;

    private final List<String> report = new ArrayList<>();

    @Test
    void run() throws Exception {
        line("%d cores, load average at start: %s", Runtime.getRuntime().availableProcessors(), loadAverage());
        seed();
        ingestion();
        pages();
        eventToVisible();
        line("load average at end: %s", loadAverage());
        System.out.println(String.join("\n", report));
        Files.writeString(Path.of("target", "feed-benchmark.txt"), String.join("\n", report) + "\n");
    }

    private void seed() throws Exception {
        long existing = FeedDb.count("select count(*) from feed_entry where firm_id = ?", FIRM);
        if (existing >= ENTRIES) {
            line("page benchmark firm already holds %,d entries (seeded by an earlier run)", existing);
            return;
        }
        long start = System.nanoTime();
        try (Connection c = FeedDb.connect(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");   // no NOTIFY per bulk-loaded row
            for (String table : List.of("feed_entry", "feed_chain", "feed_matter", "feed_matter_access", "feed_group_member", "feed_user")) {
                s.execute("delete from " + table + " where firm_id = '" + FIRM + "'");
            }
            s.execute("insert into feed_user (firm_id, id, display_name, status, administrator) values ('" + FIRM + "', '" + READER
                    + "', 'Rita Reader', 'active', false), ('" + FIRM + "', '" + ADMIN + "', 'Ada Admin', 'active', true)");
            s.execute("insert into feed_group_member (firm_id, group_id, user_id) values ('" + FIRM + "', '" + READER_GROUP + "', '"
                    + READER + "')");
            s.execute("insert into feed_matter (firm_id, id, display_number, description, registered, mode, access_version) "
                    + "select '" + FIRM + "', md5('" + FIRM + "' || i)::uuid, 'B-' || i, 'Matter ' || i, true, "
                    + "case when i % 10 < 4 then 'restricted' else 'everyone' end, 2 from generate_series(1, " + MATTERS + ") i");
            s.execute("insert into feed_matter_access (firm_id, matter_id, kind, principal_id) select firm_id, id, 'group', "
                    + "case when display_number ~ '3$' then '" + READER_GROUP + "'::uuid else '" + OTHER_GROUP + "'::uuid end "
                    + "from feed_matter where firm_id = '" + FIRM + "' and mode = 'restricted'");
            int chunk = 1_000_000;
            for (int from = 1; from <= ENTRIES; from += chunk) {
                int to = Math.min(ENTRIES, from + chunk - 1);
                s.execute("""
                        insert into feed_entry (firm_id, seq, id, occurred_at, event_type, source, category, admin_only, actor_id,
                          actor_type, verb, object_type, object_id, object_title, matter_id, summary, details, hash)
                        select 'FIRM', g, gen_random_uuid(), now() - interval '365 days' + g * interval '6 seconds',
                          case when g % 10 = 0 then 'dev.lexguard.identity.session.started' else 'dev.lexguard.activity.document.uploaded' end,
                          '/activity-service', case when g % 10 = 0 then 'security' else 'documents' end, g % 10 = 0, 'ADMIN', 'user',
                          'uploaded', 'document', 'doc-' || g, 'file-' || g || '.pdf',
                          case when g % 5 = 0 then null else md5('FIRM' || (g % MATTERS + 1))::uuid end,
                          'A document was uploaded', '{"n":' || g || '}', sha256(int8send(g))
                        from generate_series(FROM, TO) g""".replace("FIRM", FIRM.toString()).replace("ADMIN", ADMIN.toString())
                        .replace("MATTERS", Integer.toString(MATTERS)).replace("FROM", Integer.toString(from)).replace("TO", Integer.toString(to)));
                line("  seeded %,d entries (%.0f s)", to, (System.nanoTime() - start) / 1e9);
            }
            s.execute("insert into feed_chain (firm_id, last_seq, last_hash, anchor_seq, anchor_hash) select firm_id, seq, hash, 0, "
                    + "decode(repeat('00', 32), 'hex') from feed_entry where firm_id = '" + FIRM + "' and seq = " + ENTRIES);
            s.execute("analyze feed_entry");
            s.execute("analyze feed_matter");
            s.execute("analyze feed_matter_access");
        }
        line("seeded the page benchmark firm: %,d entries, %,d matters in %.0f s", ENTRIES, MATTERS, (System.nanoTime() - start) / 1e9);
    }

    private void ingestion() throws Exception {
        List<UUID> firms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            firms.add(UUID.randomUUID());
        }
        String in = firms.stream().map(f -> "'" + f + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        Map<String, Object> config = new HashMap<>(KafkaTestClients.asWriterOf(Events.ACTIVITY));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < INGEST_EVENTS; i++) {
                UUID firm = firms.get(i % firms.size());
                CloudEvent event = Events.event("dev.lexguard.activity.document.uploaded", firm, "doc-" + i, "user-" + (i % 50),
                        ActorType.USER, null, Instant.now(), Map.of("documentId", "doc-" + i, "fileName", "file-" + i + ".pdf"));
                ProducerRecord<String, String> record = new ProducerRecord<>(Events.ACTIVITY, firm.toString(), CloudEventCodec.write(event));
                record.headers().add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
            double published = (System.nanoTime() - start) / 1e9;
            long atPublished = FeedDb.count("select count(*) from feed_entry where firm_id in (" + in + ")");
            long drainStart = System.nanoTime();
            long done;
            do {
                Thread.sleep(200);
                done = FeedDb.count("select count(*) from feed_entry where firm_id in (" + in + ")");
            } while (done < INGEST_EVENTS && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(15));
            double seconds = (System.nanoTime() - start) / 1e9;
            double drain = (System.nanoTime() - drainStart) / 1e9;
            line("BENCHMARK ingestion: %,d events published in %.2f s; %,d entries committed after %.1f s = %,.0f events/s end to end; "
                    + "the %,d still on the topic when publishing ended were ingested at %,.0f events/s (one transaction per poll)",
                    INGEST_EVENTS, published, done, seconds, done / seconds, done - atPublished, (done - atPublished) / drain);
        }
    }

    private void pages() throws Exception {
        String token = Tokens.user(FIRM, READER);
        String adminToken = Tokens.user(FIRM, ADMIN);
        // In-process: the service as a request would call it (reader facts + one page statement + names).
        for (int i = 0; i < WARM_UPS; i++) {
            feed.firmFeed(FIRM, READER, FeedFilter.NONE, List.of(), PageRequest.of(50, null)).await().indefinitely();
        }
        double[] inProcess = new double[1000];
        for (int i = 0; i < inProcess.length; i++) {
            long t = System.nanoTime();
            feed.firmFeed(FIRM, READER, FeedFilter.NONE, List.of(), PageRequest.of(50, null)).await().indefinitely();
            inProcess[i] = (System.nanoTime() - t) / 1e6;
        }
        line("BENCHMARK first page (50, restricted reader), in-process: %s", stats(inProcess));

        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < WARM_UPS; i++) {
            get(http, feedUrl + "?limit=50", token);
        }
        double[] first = new double[1000];
        for (int i = 0; i < first.length; i++) {
            long t = System.nanoTime();
            get(http, feedUrl + "?limit=50", token);
            first[i] = (System.nanoTime() - t) / 1e6;
        }
        line("BENCHMARK first page (50, restricted reader), HTTP: %s", stats(first));

        double[] admin = new double[500];
        for (int i = 0; i < admin.length; i++) {
            long t = System.nanoTime();
            get(http, feedUrl + "?limit=50", adminToken);
            admin[i] = (System.nanoTime() - t) / 1e6;
        }
        line("BENCHMARK first page (50, administrator), HTTP: %s", stats(admin));

        // Deeper pages: follow the cursor 20 pages down (1,000 entries), each request timed.
        List<Double> deep = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int round = 0; round < 25; round++) {
            String cursor = null;
            for (int p = 0; p < 20; p++) {
                long t = System.nanoTime();
                String body = get(http, feedUrl + "?limit=50" + (cursor == null ? "" : "&cursor=" + cursor), token);
                deep.add((System.nanoTime() - t) / 1e6);
                cursor = json.readTree(body).path("nextCursor").asText();
            }
        }
        line("BENCHMARK pages 1-20 following cursors (50, restricted reader), HTTP: %s",
                stats(deep.stream().mapToDouble(Double::doubleValue).toArray()));

        // A filtered view: one matter's feed (about 2,000 entries of the matter among 5 million).
        String matterId = json.readTree(get(http, feedUrl + "?limit=1&category=documents", token)).path("items").get(0)
                .path("matter").path("id").asText();
        double[] matter = new double[500];
        for (int i = 0; i < matter.length; i++) {
            long t = System.nanoTime();
            get(http, feedUrl + "/matters/" + matterId + "?limit=50", token);
            matter[i] = (System.nanoTime() - t) / 1e6;
        }
        line("BENCHMARK matter feed page (50), HTTP: %s", stats(matter));
        Page<EntryResponse> page = feed.firmFeed(FIRM, READER, FeedFilter.NONE, List.of(), PageRequest.of(200, null)).await().indefinitely();
        long hiddenShown = page.items().stream().filter(e -> e.matter() != null && e.matter().displayNumber() != null
                && Integer.parseInt(e.matter().displayNumber().substring(2)) % 10 < 3).count();
        line("  check: a 200-entry page of the restricted reader holds %d entries of hidden matters and %d security entries",
                hiddenShown, page.items().stream().filter(e -> "security".equals(e.category())).count());
    }

    private void eventToVisible() throws Exception {
        long head = FeedDb.count("select last_seq from feed_chain where firm_id = ?", FIRM);
        BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(feedUrl + "/stream?category=documents"))
                .header("Authorization", "Bearer " + Tokens.user(FIRM, READER)).header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(head)).build();
        ObjectMapper json = new ObjectMapper();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(line -> {
            if (line.startsWith("data:")) {
                try {
                    JsonNode entry = json.readTree(line.substring(5).trim());
                    arrived.add(entry.path("id").asText());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }));
        UUID matter;
        // B-5 is open to everyone (matters B-n with n % 10 < 4 are restricted).
        try (Connection c = FeedDb.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from feed_matter where firm_id = '" + FIRM + "' and display_number = 'B-5'")) {
            rs.next();
            matter = (UUID) rs.getObject(1);
        }
        double[] samples = new double[220];
        for (int i = 0; i < samples.length; i++) {
            CloudEvent event = Events.event("dev.lexguard.activity.document.uploaded", FIRM, "live-" + i, ADMIN.toString(), ActorType.USER,
                    matter, Instant.now(), Map.of("documentId", "live-" + i, "fileName", "live-" + i + ".pdf"));
            long t = System.nanoTime();
            Events.send(Events.ACTIVITY, event);
            String id;
            do {
                id = arrived.poll(30, TimeUnit.SECONDS);
            } while (id != null && !id.equals(event.id().toString()));
            samples[i] = id == null ? 30_000 : (System.nanoTime() - t) / 1e6;
        }
        response.cancel(true);
        line("BENCHMARK event-to-visible (publish on Kafka -> entry on the restricted reader's SSE stream), %d events one at a time "
                + "after 20 warm-ups: %s", samples.length - 20, stats(Arrays.copyOfRange(samples, 20, samples.length)));
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String stats(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.length,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double pct(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println(text);
    }
}
