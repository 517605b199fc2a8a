package dev.lexguard.identity.passkeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A passkey as its owner sees it: never the key or the credential id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Passkey")
public record PasskeyResponse(UUID id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports,
        @Schema(description = "A sign count went backwards: the passkey may have been cloned and is refused") boolean suspect,
        @Schema(description = "Only in the answer to a registration by a user without unused recovery codes (a first "
                + "passkey and no authenticator app): the new recovery codes, shown once") List<String> recoveryCodes) {

    static PasskeyResponse of(Passkey passkey) {
        return of(passkey, null);
    }

    static PasskeyResponse of(Passkey passkey, List<String> recoveryCodes) {
        return new PasskeyResponse(passkey.id(), passkey.name(), passkey.createdAt(), passkey.lastUsedAt(),
                passkey.transports(), passkey.isSuspect(), recoveryCodes);
    }

    @Override
    public String toString() {
        return "PasskeyResponse[id=" + id + ", name=" + name + "]";
    }
}
