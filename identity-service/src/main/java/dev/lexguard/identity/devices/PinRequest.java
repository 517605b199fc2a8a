package dev.lexguard.identity.devices;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A 4-digit app PIN (setting it, or unlocking with it). */
@Schema(name = "DevicePinRequest")
public record PinRequest(@NotNull @Schema(description = "Exactly 4 digits", example = "4827") String pin) {

    @Override
    public String toString() {
        return "PinRequest[pin=****]";
    }
}
