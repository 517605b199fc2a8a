package dev.lexguard.platform.web.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8} (an address alone is a /32 or /128), with
 * host bits cleared. Only literals are read: nothing here ever resolves a host name, so it is safe on an event loop
 * and cannot be steered by DNS. The gateway's trusted proxies, sessions-service's network filter and identity's
 * Keycloak allow-list use it.
 */
public record IpNetwork(InetAddress address, int prefix) {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * The address {@code text} names, if it is an IPv4 or IPv6 literal ({@code [::1]} too); an IPv4-mapped IPv6
     * address comes back as IPv4.
     */
    public static Optional<InetAddress> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        boolean v4 = IPV4.matcher(value).matches();
        if (!v4 && !(value.contains(":") && IPV6.matcher(value).matches())) {
            return Optional.empty();
        }
        try {
            // a literal: getByName parses it and does no lookup
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The canonical text of an IP literal, or {@code text} unchanged when it is not one. */
    public static String canonical(String text) {
        return address(text).map(InetAddress::getHostAddress).orElse(text);
    }

    /**
     * Parses {@code 203.0.113.7}, {@code 203.0.113.0/24}, {@code 2001:db8::1} or {@code 2001:db8::/32}.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static IpNetwork parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        InetAddress address = address(host).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + host));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String suffix = value.substring(slash + 1);
            if (!suffix.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("not a prefix length: " + suffix);
            }
            prefix = Integer.parseInt(suffix);
            if (prefix > bits) {
                throw new IllegalArgumentException("prefix longer than the address: " + value);
            }
        }
        return new IpNetwork(networkAddress(address, prefix), prefix);
    }

    /** Whether {@code candidate} (of the same family) lies in this network. */
    public boolean contains(InetAddress candidate) {
        if (candidate == null) {
            return false;
        }
        byte[] network = address.getAddress();
        byte[] bytes = candidate.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** PostgreSQL inet text of the network, host bits cleared: {@code 203.0.113.0/24}. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefix;
    }

    @Override
    public String toString() {
        return cidr();
    }

    private static InetAddress networkAddress(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] = (byte) (bytes[i] & (0xFF << (8 - keep)));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
