package dev.lexguard.platform.web.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The key a per-client-address limit or throttle counts by. An IPv4 client is its address; an IPv6 client is its /64,
 * because one host holds a whole /64 and may use a new address of it for every request (privacy addresses), which
 * would otherwise give it billions of budgets. Used by the gateway's per-IP limits and identity's sign-in throttle.
 */
public final class ClientNetworks {

    /** Hex digits, colons and dots (an embedded IPv4 part) only: what InetAddress parses without any lookup. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientNetworks() {
    }

    /** {@code 192.0.2.7} for IPv4 (and IPv4-mapped IPv6), {@code 2001:db8:1:2:0:0:0:0/64} for IPv6; anything else as is. */
    public static String limitKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            // InetAddress would look a name up in DNS: on the gateway's event loop, never
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] network = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
