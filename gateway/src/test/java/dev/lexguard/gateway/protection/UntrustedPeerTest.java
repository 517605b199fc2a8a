package dev.lexguard.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.gateway.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A peer that is not a trusted proxy (the test connects from 127.0.0.2; only 127.0.0.1 is trusted) cannot
 * choose its client IP with X-Forwarded-For: the upstream sees the peer's address.
 */
@QuarkusTest
class UntrustedPeerTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        String response = rawGet("/api/v1/users", "X-Forwarded-For: 203.0.113.50\r\nX-Real-IP: 203.0.113.51\r\n"
                + "X-Forwarded-Proto: https\r\nAuthorization: Bearer " + Tokens.user() + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response).contains("\"x-forwarded-for\":[\"127.0.0.2\"]");
        assertThat(response).contains("\"x-forwarded-proto\":[\"http\"]");
        assertThat(response).doesNotContain("203.0.113.50").doesNotContain("203.0.113.51");
    }

    @Test
    void untrustedPeersShareTheirOwnRateLimitBucket() throws Exception {
        // five public sign-ins from 127.0.0.2 with ever-changing X-Forwarded-For: the sixth is still refused
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            String response = rawPost("/api/v1/auth/password-reset", "X-Forwarded-For: 198.18.0." + i + "\r\n");
            if (response.startsWith("HTTP/1.1 429")) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(1);
    }

    private String rawGet(String path, String headers) throws Exception {
        return raw("GET " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\n" + headers
                + "Connection: close\r\n\r\n");
    }

    private String rawPost(String path, String headers) throws Exception {
        return raw("POST " + path + " HTTP/1.1\r\nHost: " + gateway.getHost() + "\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), gateway.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
