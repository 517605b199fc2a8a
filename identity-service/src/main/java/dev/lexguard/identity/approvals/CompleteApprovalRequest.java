package dev.lexguard.identity.approvals;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

public record CompleteApprovalRequest(@NotBlank String challengeToken, @NotNull UUID requestId) {
}
