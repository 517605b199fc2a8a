package dev.lexguard.sessions.session;

import java.time.Instant;

/** The outcome of ending many sessions at once with one watermark. */
public record EndResult(int ended, Instant revokedBefore) {
}
