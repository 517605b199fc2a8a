package dev.lexguard.sessions.device;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.UUID;

/** A {@link DeviceInfo} as the columns a session and a sign-in both store it in. */
@Embeddable
public class DeviceColumns {

    @Column(name = "user_agent")
    private String userAgent;

    private String browser;

    private String os;

    @Column(name = "device_type")
    private String deviceType;

    @Column(name = "device_key")
    private String deviceKey;

    @Column(name = "mobile_device_id")
    private UUID mobileDeviceId;

    protected DeviceColumns() {
    }

    public DeviceColumns(DeviceInfo device) {
        this.userAgent = device.userAgent();
        this.browser = device.browser();
        this.os = device.os();
        this.deviceType = device.deviceType();
        this.deviceKey = device.key();
        this.mobileDeviceId = device.mobileDeviceId();
    }

    /** The device; Hibernate loads columns that are all null as a null embeddable, which is an unknown device. */
    public static DeviceInfo info(DeviceColumns columns) {
        return columns == null ? DeviceInfo.UNKNOWN
                : new DeviceInfo(columns.userAgent, columns.browser, columns.os, columns.deviceType, columns.mobileDeviceId,
                        columns.deviceKey);
    }

    /** The columns with the mobile device registered after the sign-in linked, unless one is linked already. */
    public static DeviceColumns withMobileDevice(DeviceColumns columns, UUID deviceId) {
        DeviceColumns linked = columns == null ? new DeviceColumns() : columns;
        if (linked.mobileDeviceId == null) {
            linked.mobileDeviceId = deviceId;
        }
        return linked;
    }
}
