package dev.lexguard.identity.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LoginRequest")
public record LoginRequest(
        @NotNull @Size(max = 1000) @Schema(example = "ada@harbourlane.example") String email,
        @NotNull @Size(max = 1024) @Schema(example = "tide clock harbour lantern") String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
