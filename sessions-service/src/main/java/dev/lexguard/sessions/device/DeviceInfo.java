package dev.lexguard.sessions.device;

import java.util.UUID;

/**
 * What a session or sign-in came from: the raw user agent, what the ua-parser project's rules make of it
 * (browser and OS with major version, device type) and the mobile app's device id when there is one.
 * {@code key} identifies "the same device" for unusual sign-in checks: the mobile device id, else browser and
 * OS families and device type (versions left out, so an update is not a new device); null when nothing is known.
 */
public record DeviceInfo(String userAgent, String browser, String os, String deviceType, UUID mobileDeviceId, String key) {

    public static final DeviceInfo UNKNOWN = new DeviceInfo(null, null, null, null, null, null);
}
