package dev.lexguard.identity.approvals;

import java.time.Instant;

/** The challenge to sign (base64url) when registering an approval key, and until when it may be used. */
public record KeyChallengeResponse(String challenge, Instant expiresAt) {
}
