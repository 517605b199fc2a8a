package dev.lexguard.identity.sessions;

import java.time.Instant;
import java.util.UUID;

/** What a client gets when a session starts or refreshes: a new access token and a new refresh token. */
public record SessionTokens(UUID sessionId, String accessToken, long expiresIn, Instant accessTokenExpiresAt,
        String refreshToken, Instant sessionExpiresAt) {
}
