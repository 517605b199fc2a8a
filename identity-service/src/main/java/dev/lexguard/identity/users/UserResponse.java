package dev.lexguard.identity.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "User")
public record UserResponse(
        UUID id,
        String email,
        String displayName,
        @Schema(enumeration = {"invited", "active", "deactivated"}) String status,
        boolean owner,
        @Schema(description = "Account permissions (the token's groups)") List<String> permissions,
        Instant createdAt,
        Instant deactivatedAt) {

    public static UserResponse of(User user) {
        return of(user, user.permissions());
    }

    /** With the account permissions the user's tokens carry (from the permissions projection). */
    public static UserResponse of(User user, Set<String> permissions) {
        return new UserResponse(user.id(), user.email(), user.displayName(),
                user.status().name().toLowerCase(Locale.ROOT), user.isOwner(),
                permissions.stream().sorted().toList(), user.createdAt(), user.deactivatedAt());
    }
}
