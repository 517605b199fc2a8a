package dev.lexguard.identity.keycloak;

import jakarta.validation.constraints.NotNull;

/** The owner's choice: may the firm's Keycloak stand in for LexGuard's own second factor at single sign-on? */
public record SecondFactorTrustRequest(@NotNull Boolean trusted) {
}
