package dev.lexguard.identity.users;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AcceptInvitationRequest")
public record AcceptInvitationRequest(
        @NotNull @Size(max = 1024) @Schema(example = "quiet river copper lantern", minLength = 12, maxLength = 256) String password) {

    @Override
    public String toString() {
        return "AcceptInvitationRequest[...]";
    }
}
