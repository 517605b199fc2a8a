package dev.lexguard.identity.approvals;

import java.util.UUID;

public record AnswerResponse(UUID requestId, String status) {
}
