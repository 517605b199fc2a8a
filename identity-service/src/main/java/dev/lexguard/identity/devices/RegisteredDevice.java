package dev.lexguard.identity.devices;

import java.util.UUID;

/** What other packages may know of an active registered device: whose it is and its name. */
public record RegisteredDevice(UUID id, UUID firmId, UUID userId, String name) {

    static RegisteredDevice of(Device device) {
        return new RegisteredDevice(device.id(), device.firmId(), device.userId(), device.name());
    }
}
