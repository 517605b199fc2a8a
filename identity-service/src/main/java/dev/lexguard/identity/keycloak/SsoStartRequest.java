package dev.lexguard.identity.keycloak;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Starts an SSO sign-in for a firm; {@code loginHint} (an email) pre-fills Keycloak's login form. */
public record SsoStartRequest(@NotNull UUID firmId, @Size(max = 254) String loginHint) {
}
