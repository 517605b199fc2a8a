package dev.lexguard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.gateway.testsupport.TestUpstreams;
import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 200 MB through the gateway in each direction, streamed: while one side stops reading, the gateway stops
 * taking bytes from the other (back-pressure), so it never holds more than a few buffers of a body.
 * A gateway that buffered bodies would read all 200 MB from the fast side while the slow side waits.
 */
@QuarkusTest
class LargeBodyTest {

    private static final long SIZE = 200L * 1024 * 1024;
    /** What may sit in socket buffers and the gateway's queues while one side stalls. */
    private static final long IN_FLIGHT_LIMIT = 32L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL gateway;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void uploadOf200MegabytesStreamsWithBackPressure() throws Exception {
        Zeros body = new Zeros(SIZE);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/v1/shares/paused-upload"))
                .header("Authorization", "Bearer " + Tokens.user())
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        CompletableFuture<HttpResponse<String>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        // the upstream is not reading: the client can only get a bounded amount into the pipe
        Thread.sleep(1500);
        long stalledAt = body.read.get();
        Thread.sleep(500);
        assertThat(body.read.get()).isLessThan(IN_FLIGHT_LIMIT);
        assertThat(body.read.get() - stalledAt).isLessThan(4L * 1024 * 1024);
        assertThat(TestUpstreams.uploadReceived()).isZero();
        TestUpstreams.resumeUpload();
        HttpResponse<String> response = sent.get(3, TimeUnit.MINUTES);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("service").asText()).isEqualTo("sharing");
        assertThat(echo.path("bodyBytes").asLong()).isEqualTo(SIZE);
    }

    @Test
    void downloadOf200MegabytesStreamsWithBackPressure() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/v1/shares/download?bytes=" + SIZE))
                .header("Authorization", "Bearer " + Tokens.user())
                .timeout(Duration.ofMinutes(3))
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long total = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = response.body()) {
            total += in.readNBytes(buffer, 0, buffer.length);
            // the client stops reading: the upstream must soon stop being able to write
            Thread.sleep(1500);
            assertThat(TestUpstreams.downloadWritten()).isLessThan(IN_FLIGHT_LIMIT);
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(SIZE);
        assertThat(TestUpstreams.downloadWritten()).isEqualTo(SIZE);
    }

    @Test
    void http2BodyWithoutLengthIsForwarded() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/v1/shares/upload"))
                .header("Authorization", "Bearer " + Tokens.user())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(5L * 1024 * 1024)))
                .build();
        HttpResponse<String> response = http2.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("bodyBytes").asLong()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void chunkedBodyOverTheRouteLimitIsCutOffWith413() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "api/v1/users"))
                .header("Authorization", "Bearer " + Tokens.user())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(3L * 1024 * 1024)))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("type").asText())
                .isEqualTo("https://lexguard.dev/problems/payload-too-large");
    }

    /** Zeros of a given length, generated on the fly; counts what the HTTP client has taken. */
    private static final class Zeros extends InputStream {
        private final AtomicLong read = new AtomicLong();
        private final long length;

        Zeros(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read.get() >= length) {
                return -1;
            }
            read.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long remaining = length - read.get();
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            Arrays.fill(b, off, off + n, (byte) 0);
            read.addAndGet(n);
            return n;
        }
    }
}
