package dev.lexguard.identity.approvals;

import jakarta.validation.constraints.NotBlank;

/** The sign-in challenge token the password step answered. */
public record StartApprovalRequest(@NotBlank String challengeToken) {
}
