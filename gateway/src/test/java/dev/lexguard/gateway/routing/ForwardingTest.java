package dev.lexguard.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The forwarding path at the level of the wire (a raw socket, because HTTP clients do not let a test choose
 * {@code Connection} headers or speak HTTP/1.0): hop-by-hop headers stay on their hop, an HTTP/1.0 client gets
 * a chunked answer with its length, and clients that give up do not count against the upstream's breaker.
 */
@QuarkusTest
class ForwardingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void hopByHopHeadersAndThoseTheConnectionHeaderNamesAreNotForwarded() throws IOException {
        Answer answer = exchange("GET /api/v1/permissions/hops HTTP/1.1\r\n"
                + "Host: api.lexguard.test\r\n"
                + "Authorization: Bearer " + freshUserToken() + "\r\n"
                + "Connection: keep-alive, X-Hop-Secret\r\n"
                + "X-Hop-Secret: only-for-the-gateway\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "Proxy-Authorization: Basic cHJveHk6c2VjcmV0\r\n"
                + "TE: trailers\r\n"
                + "Trailer: X-Checksum\r\n"
                + "X-End-To-End: kept\r\n"
                + "\r\n", true);
        assertThat(answer.status).isEqualTo(200);
        JsonNode received = JSON.readTree(answer.body).get("headers");
        assertThat(received.has("x-hop-secret")).isFalse();
        assertThat(received.has("keep-alive")).isFalse();
        assertThat(received.has("proxy-authorization")).isFalse();
        assertThat(received.has("te")).isFalse();
        assertThat(received.has("trailer")).isFalse();
        assertThat(received.get("x-end-to-end").get(0).asText()).isEqualTo("kept");
        // the upstream sees its own authority; the client's is in X-Forwarded-Host
        assertThat(received.get("host").get(0).asText()).startsWith("127.0.0.1:");
        assertThat(received.get("x-forwarded-host").get(0).asText()).isEqualTo("api.lexguard.test");
    }

    @Test
    void anHttp10ClientGetsAChunkedAnswerWholeWithItsLength() throws IOException {
        Answer answer = exchange("GET /api/v1/shares/download?bytes=200000 HTTP/1.0\r\n"
                + "Authorization: Bearer " + freshUserToken() + "\r\n"
                + "\r\n", false);
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.headers).doesNotContainKey("transfer-encoding");
        assertThat(answer.headers.get("content-length")).isEqualTo("200000");
        assertThat(answer.body).hasSize(200_000);
    }

    @Test
    void answersOfKnownLengthArriveWholeWithTheirLengthSmallOrLarge() throws IOException {
        // 2 kB is read whole before it is written; 3 MB streams
        for (int bytes : new int[] {2_000, 3_000_000}) {
            Answer answer = exchange("GET /api/v1/shares/download?bytes=" + bytes + "&length=known HTTP/1.1\r\n"
                    + "Host: x\r\nAuthorization: Bearer " + freshUserToken() + "\r\n\r\n", true);
            assertThat(answer.status).isEqualTo(200);
            assertThat(answer.headers).doesNotContainKey("transfer-encoding");
            assertThat(answer.headers.get("content-length")).isEqualTo(Integer.toString(bytes));
            assertThat(answer.body).hasSize(bytes);
        }
    }

    @Test
    void clientsThatGiveUpWaitingDoNotOpenTheUpstreamsCircuit() throws Exception {
        String token = freshUserToken();
        // more walk-aways than the breaker's five failures, each while the upstream is still working on it
        for (int i = 0; i < 7; i++) {
            try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
                socket.getOutputStream().write(("GET /api/v1/sessions/slow HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(150);
            }
        }
        given().header("Authorization", "Bearer " + token).get("/api/v1/sessions/after-walk-aways").then()
                .statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).contains("lexguard_gateway_circuit_open{upstream=\"sessions\"} 0.0");
        assertThat(metrics).doesNotContain("lexguard_gateway_upstream_failures_total{kind=\"unreachable\",upstream=\"sessions\"}");
        // each walk-away is still counted (and logged), as nginx's 499
        assertThat(metrics).containsPattern("lexguard_gateway_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*"
                + "route=\"sessions\"[^}]*status=\"499\"[^}]*upstream=\"sessions\"[^}]*\\} 7\\.0");
    }

    /** A token of a user of its own, so the per-user rate limit of other tests does not interfere. */
    private static String freshUserToken() {
        return Tokens.user(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    private Answer exchange(String request, boolean keepAlive) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            Answer answer = new Answer();
            String statusLine = line(in);
            answer.status = Integer.parseInt(statusLine.split(" ")[1]);
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                answer.headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            String length = answer.headers.get("content-length");
            if (length != null) {
                answer.body = in.readNBytes(Integer.parseInt(length));
            } else if ("chunked".equalsIgnoreCase(answer.headers.get("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                answer.body = body.toByteArray();
            } else if (!keepAlive) {
                answer.body = in.readAllBytes();
            }
            return answer;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static final class Answer {
        int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
    }
}
