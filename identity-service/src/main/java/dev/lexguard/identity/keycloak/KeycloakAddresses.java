package dev.lexguard.identity.keycloak;

import dev.lexguard.platform.web.http.IpNetwork;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where LexGuard may send a firm's Keycloak requests. An administrator types the server URL, so without this the
 * connection, provisioning and single sign-on would reach into LexGuard's own network (a server-side request
 * forgery). Every address the host name resolves to must be public: loopback, link-local (with the cloud metadata
 * endpoints 169.254.169.254 and fd00:ec2::254), private, carrier-grade NAT, unique-local, multicast and unspecified
 * addresses are refused unless the operator's allow-list ({@code lexguard.identity.keycloak.allowed-hosts}: host
 * names and CIDR blocks) names them. {@link #requireAllowed} answers early and clearly (before any work);
 * {@link KeycloakEgress} enforces the same rule on the one resolution every connection uses, so a name whose DNS
 * answer changes between the check and the connection (DNS rebinding) cannot reach an internal address.
 */
@ApplicationScoped
public class KeycloakAddresses {

    /** How a host name becomes addresses: DNS in production; tests answer for made-up names. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<IpNetwork> allowedBlocks = new ArrayList<>();
    private volatile Resolver resolver = InetAddress::getAllByName;

    @Inject
    public KeycloakAddresses(KeycloakConfig config) {
        this(config.allowedHosts().orElse(List.of()));
    }

    KeycloakAddresses(List<String> allowList) {
        for (String entry : allowList) {
            String value = entry.strip().toLowerCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (value.contains("/")) {
                allowedBlocks.add(allowedBlock(value));
            } else {
                allowedHosts.add(value);
            }
        }
    }

    /** Tests only: answers host names as a DNS server under the test's control would. */
    void resolveWith(Resolver replacement) {
        resolver = replacement;
    }

    /** Blocking (DNS). Throws the same 422 for every address LexGuard may not reach, and for a name that does not resolve. */
    public void requireAllowed(String serverUrl) {
        String host = URI.create(serverUrl).getHost();
        if (host == null) {
            throw refused();
        }
        checked(host);
    }

    /**
     * Resolves the host once and answers its addresses when every one of them may be reached: a host named on the
     * allow-list, else each address public or inside an allowed block; an IP literal is judged as itself. Otherwise
     * (and for a name that does not resolve) the 422 {@code keycloak-address-refused}. Blocking (DNS).
     */
    InetAddress[] checked(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | RuntimeException e) {
            throw refused();
        }
        if (addresses == null || addresses.length == 0) {
            throw refused();
        }
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowedBlocks.stream().noneMatch(block -> block.contains(address))) {
                Log.infof("Keycloak address refused: %s resolves to a non-public address", host);
                throw refused();
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // 0/8, CGNAT 100.64/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 (IETF protocol assignments)
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
                    && first < 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) { // unique-local fc00::/7 (fd00:ec2::254 among them)
                return false;
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) { // deprecated site-local fec0::/10
                return false;
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address: judge that one
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            return !nat64;
        }
        return false;
    }

    static BusinessRuleProblem refused() {
        return new BusinessRuleProblem("keycloak-address-refused", "LexGuard may not connect to this Keycloak server:"
                + " use a public https address (internal addresses need the operator's allow-list)");
    }

    /** An allow-list entry with a slash: an address block like 127.0.0.0/8 or fd00::/8. */
    private static IpNetwork allowedBlock(String value) {
        try {
            return IpNetwork.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad CIDR in lexguard.identity.keycloak.allowed-hosts: " + value, e);
        }
    }
}
