package dev.lexguard.gateway.protection;

import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.platform.web.http.IpNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.List;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the TCP peer is a configured
 * trusted proxy; then the list is read from the right, skipping trusted proxies, and the first address that
 * is not one is the client (entries to its left were written by the client and prove nothing).
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<IpNetwork> trusted;

    @Inject
    public ClientAddresses(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(IpNetwork::parse).toList());
    }

    ClientAddresses(List<IpNetwork> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    public String resolve(String peer, List<String> forwardedFor) {
        InetAddress peerAddress = IpNetwork.address(peer).orElse(null);
        if (peerAddress == null || !isTrusted(peerAddress) || forwardedFor.isEmpty()) {
            return normalise(peer, peerAddress);
        }
        String candidate = normalise(peer, peerAddress);
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                InetAddress address = IpNetwork.address(hop).orElse(null);
                if (address == null) {
                    // garbage in the chain: the last address we could trust is the best we know
                    return candidate;
                }
                candidate = normalise(hop, address);
                if (!isTrusted(address)) {
                    return candidate;
                }
            }
        }
        return candidate;
    }

    /** Whether a peer address (text) is one of the trusted proxies. */
    public boolean isTrustedPeer(String peer) {
        return IpNetwork.address(peer).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(InetAddress address) {
        for (IpNetwork network : trusted) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String text, InetAddress address) {
        return address == null ? text : address.getHostAddress();
    }
}
