package dev.lexguard.identity.firms;

import dev.lexguard.identity.users.UserResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignUpResponse")
public record SignUpResponse(FirmResponse firm, UserResponse owner) {
}
