package dev.lexguard.identity.firms;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Firm")
public record FirmResponse(UUID id, String name, Instant createdAt) {

    public static FirmResponse of(Firm firm) {
        return new FirmResponse(firm.id(), firm.name(), firm.createdAt());
    }
}
