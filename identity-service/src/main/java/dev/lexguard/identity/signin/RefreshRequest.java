package dev.lexguard.identity.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RefreshRequest")
public record RefreshRequest(
        @NotNull @Size(max = 512) @Schema(example = "lgr_Qm9hdC1saWtlIGJ1dCB0aGlzIGlzIGp1c3QgYW4gZXhhbXBsZQ") String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[...]";
    }
}
