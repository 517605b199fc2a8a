package dev.lexguard.identity.devices;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The device and its credential, shown once. */
@Schema(name = "DeviceRegistrationResponse")
public record DeviceRegistrationResponse(DeviceResponse device,
        @Schema(description = "The device-bound credential (`lgd_` + 256 random bits): keep it in the device's secure storage; it is never shown again") String credential,
        @Schema(description = "The firm requires an app PIN: set one before the session needs a refresh") boolean pinRequired) {

    @Override
    public String toString() {
        return "DeviceRegistrationResponse[device=" + device.id() + "]";
    }
}
