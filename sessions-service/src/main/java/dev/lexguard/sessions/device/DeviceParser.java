package dev.lexguard.sessions.device;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * User agent to browser, OS and device type with the ua-parser project's maintained rules (uap-java). Results
 * are cached: a firm's users send the same few user agents all day, and a cached answer is a map lookup.
 */
@Startup
@ApplicationScoped
public class DeviceParser {

    public static final int MAX_USER_AGENT = 512;
    private static final int CACHE_SIZE = 10_000;
    private static final Set<String> MOBILE_OS = Set.of("ios", "android", "windows phone", "blackberry os",
            "kaios", "harmonyos", "ipados");
    private static final Set<String> DESKTOP_OS = Set.of("windows", "mac os x", "macos", "linux", "ubuntu", "chrome os",
            "chromeos", "fedora", "debian", "freebsd", "openbsd");

    private final Parser parser = new Parser();
    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    private record Parsed(String browser, String os, String deviceType, String familyKey) {
    }

    public DeviceInfo parse(String userAgent, UUID mobileDeviceId) {
        String agent = userAgent == null || userAgent.isBlank() ? null
                : userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent;
        Parsed parsed = agent == null ? null : cached(agent);
        String key = mobileDeviceId != null ? "mobile:" + mobileDeviceId : parsed == null ? null : parsed.familyKey();
        if (parsed == null) {
            return new DeviceInfo(null, null, null, mobileDeviceId == null ? null : "mobile", mobileDeviceId, key);
        }
        return new DeviceInfo(agent, parsed.browser(), parsed.os(), parsed.deviceType(), mobileDeviceId, key);
    }

    private Parsed cached(String agent) {
        Parsed hit = cache.get(agent);
        if (hit != null) {
            return hit;
        }
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        Parsed parsed = parseUncached(agent);
        cache.put(agent, parsed);
        return parsed;
    }

    private Parsed parseUncached(String agent) {
        Client client = parser.parse(agent);
        String browserFamily = known(client.userAgent.family);
        String osFamily = known(client.os.family);
        String deviceFamily = known(client.device.family);
        String deviceType = deviceType(osFamily, deviceFamily);
        String browser = withVersion(browserFamily, client.userAgent.major);
        String os = withVersion(osFamily, client.os.major);
        String familyKey = browserFamily == null && osFamily == null ? null
                : (browserFamily == null ? "?" : browserFamily) + "|" + (osFamily == null ? "?" : osFamily) + "|" + deviceType;
        return new Parsed(browser, os, deviceType, familyKey);
    }

    /** ua-parser names the device model; what the views need is its kind. */
    static String deviceType(String osFamily, String deviceFamily) {
        String device = deviceFamily == null ? "" : deviceFamily.toLowerCase(Locale.ROOT);
        String os = osFamily == null ? "" : osFamily.toLowerCase(Locale.ROOT);
        if (device.equals("spider")) {
            return "bot";
        }
        if (device.contains("ipad") || device.contains("tablet") || device.contains("kindle")) {
            return "tablet";
        }
        if (MOBILE_OS.contains(os)) {
            return "mobile";
        }
        if (DESKTOP_OS.contains(os)) {
            return "desktop";
        }
        return device.isEmpty() ? "other" : "mobile";
    }

    private static String known(String family) {
        return family == null || family.isBlank() || family.equals("Other") ? null : family;
    }

    private static String withVersion(String family, String major) {
        if (family == null) {
            return null;
        }
        return major == null || major.isBlank() ? family : family + " " + major;
    }
}
