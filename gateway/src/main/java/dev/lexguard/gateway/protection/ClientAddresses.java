package dev.lexguard.gateway.protection;

import dev.lexguard.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the TCP peer is a configured
 * trusted proxy; then the list is read from the right, skipping trusted proxies, and the first address that
 * is not one is the client (entries to its left were written by the client and prove nothing).
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trusted;

    @Inject
    public ClientAddresses(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    ClientAddresses(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public String resolve(String peer, List<String> forwardedFor) {
        byte[] peerBytes = Cidr.literal(peer);
        if (peerBytes == null || !isTrusted(peerBytes) || forwardedFor.isEmpty()) {
            return normalise(peer, peerBytes);
        }
        String candidate = normalise(peer, peerBytes);
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                byte[] bytes = Cidr.literal(hop);
                if (bytes == null) {
                    // garbage in the chain: the last address we could trust is the best we know
                    return candidate;
                }
                candidate = normalise(hop, bytes);
                if (!isTrusted(bytes)) {
                    return candidate;
                }
            }
        }
        return candidate;
    }

    /** Whether a peer address (text) is one of the trusted proxies. */
    public boolean isTrustedPeer(String peer) {
        byte[] bytes = Cidr.literal(peer);
        return bytes != null && isTrusted(bytes);
    }

    private boolean isTrusted(byte[] address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String text, byte[] bytes) {
        if (bytes == null) {
            return text;
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return text;
        }
    }
}
