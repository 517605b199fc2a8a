package dev.lexguard.sessions.device;

import java.util.UUID;

/** The device of a session or sign-in as the API shows it. */
public record DeviceResponse(String userAgent, String browser, String os, String deviceType, UUID mobileDeviceId) {

    public static DeviceResponse of(DeviceInfo device) {
        return new DeviceResponse(device.userAgent(), device.browser(), device.os(), device.deviceType(), device.mobileDeviceId());
    }
}
