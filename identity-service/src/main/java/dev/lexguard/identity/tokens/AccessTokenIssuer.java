package dev.lexguard.identity.tokens;

import dev.lexguard.identity.IdentityConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Signs access tokens: RS256 with the active key ({@code kid} in the header) and exactly the claims of
 * ARCHITECTURE.md: iss, aud, sub, upn, firm, sid, groups, amr, iat, exp, jti, plus OIDC's {@code auth_time} (seconds: when
 * the factors of {@code amr} were last proved, at sign-in or a later step-up, which services compare with the step-up
 * max-age) and {@code session_start} (seconds: when the session's sign-in happened, which the gateway compares with
 * sessions-service's revocation watermarks; a step-up must not lift a session above a watermark that ended it).
 */
@ApplicationScoped
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final IdentityConfig config;

    public AccessTokenIssuer(SigningKeys keys, IdentityConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** A signed token and when it expires. */
    public record AccessToken(String value, Instant expiresAt, long expiresIn) {
    }

    public AccessToken issue(UUID firmId, UUID userId, String email, UUID sessionId, Set<String> permissions,
            List<String> amr, Instant authTime, Instant sessionStart) {
        return sign(config.tokens().audience(), firmId, userId, email, sessionId, permissions, amr, authTime, sessionStart);
    }

    /**
     * A portal contact's token: audience {@code lexguard-portal}, so it never passes a firm API's check (and a
     * firm user's token never passes a portal API's), no account permissions.
     */
    public AccessToken issueForContact(UUID firmId, UUID accountId, String email, UUID sessionId, List<String> amr,
            Instant sessionStart) {
        return sign(config.tokens().portalAudience(), firmId, accountId, email, sessionId, Set.of(), amr, sessionStart,
                sessionStart);
    }

    private AccessToken sign(String audience, UUID firmId, UUID subject, String email, UUID sessionId,
            Set<String> permissions, List<String> amr, Instant authTime, Instant sessionStart) {
        Instant now = Instant.now();
        long lifetime = config.tokens().accessTokenLifetime().toSeconds();
        Instant expiresAt = now.plusSeconds(lifetime);
        SigningKeys.Key key = keys.active();
        String token = Jwt.issuer(config.tokens().issuer())
                .audience(audience)
                .subject(subject.toString())
                .upn(email)
                .claim("firm", firmId.toString())
                .claim("sid", sessionId.toString())
                .groups(permissions)
                .claim("amr", amr)
                .claim("auth_time", authTime.getEpochSecond())
                .claim("session_start", sessionStart.getEpochSecond())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .keyId(key.kid())
                .sign(key.privateKey());
        return new AccessToken(token, expiresAt, lifetime);
    }
}
