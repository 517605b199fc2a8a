package dev.lexguard.identity.portal;

import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityConfig;
import dev.lexguard.identity.tokens.JwksJson;
import dev.lexguard.identity.tokens.OwnTokenVerification;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The portal's own bearer check. This service's JWT setup accepts only the firm API's audience, so a portal
 * token can never act on a firm endpoint here; the few portal endpoints that need a signed-in contact verify the
 * {@code Authorization} header with the same rules and the portal audience instead.
 */
@ApplicationScoped
public class PortalTokenVerifier {

    /** Who a valid portal token speaks for. */
    public record PortalCaller(UUID firmId, UUID accountId, UUID sessionId) {
    }

    private final JWTParser parser;

    public PortalTokenVerifier(IdentityConfig config, JwksJson jwks) {
        this.parser = new DefaultJWTParser(OwnTokenVerification.forAudience(config.tokens().portalAudience(), config,
                jwks));
    }

    /** @throws AuthenticationProblem (401) for a missing, malformed, expired, foreign or firm-audience token */
    public PortalCaller verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw invalid();
        }
        try {
            JsonWebToken jwt = parser.parse(authorization.substring(7).strip());
            return new PortalCaller(UUID.fromString(jwt.getClaim("firm")), UUID.fromString(jwt.getSubject()),
                    UUID.fromString(jwt.getClaim("sid")));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw invalid();
        }
    }

    private static AuthenticationProblem invalid() {
        return new AuthenticationProblem("invalid-token", "Unauthorized", "A valid portal access token is required");
    }
}
