package dev.lexguard.identity.firms;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Lengths here only bound the input; UserInput and PasswordPolicy apply the real rules. */
@Schema(name = "SignUpRequest")
public record SignUpRequest(
        @NotNull @Size(max = 1000) @Schema(example = "Harbour & Lane LLP", maxLength = 200) String firmName,
        @NotNull @Size(max = 1000) @Schema(example = "Ada Okafor", maxLength = 100) String ownerName,
        @NotNull @Size(max = 1000) @Schema(example = "ada@harbourlane.example", maxLength = 254) String ownerEmail,
        @NotNull @Size(max = 1024) @Schema(example = "tide clock harbour lantern", minLength = 12, maxLength = 256) String password) {

    @Override
    public String toString() {
        return "SignUpRequest[firmName=" + firmName + ", ownerEmail=" + ownerEmail + "]";
    }
}
