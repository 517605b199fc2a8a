package dev.lexguard.sessions.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Lifetimes for firm users, for administrators (they replace the users' when set) and for portal contacts. */
public record PolicyRequest(@NotNull @Valid Lifetime users, @NotNull @Valid Lifetime administrators,
        @NotNull @Valid Lifetime contacts) {
}
