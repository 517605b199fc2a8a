package dev.lexguard.identity.tokens;

import dev.lexguard.identity.IdentityConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Verifies this service's own tokens against its own signing keys (the same JWK Set it publishes), with
 * the same rules as every other service: RS256 only, our issuer, the API audience, an expiry, at most
 * 10 minutes of life. No HTTP round trip to itself, and a rotation is picked up at once.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class OwnTokenVerification {

    @Produces
    @Singleton
    JWTAuthContextInfo verification(SigningKeys keys, IdentityConfig config, JwksJson jwks) {
        return forAudience(config.tokens().audience(), config, jwks);
    }

    /** The rules above for tokens of {@code audience} (the firm API's, or the portal's). */
    public static JWTAuthContextInfo forAudience(String audience, IdentityConfig config, JwksJson jwks) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(jwks.json());
        info.setIssuedBy(config.tokens().issuer());
        info.setExpectedAudience(Set.of(audience));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setMaxTimeToLiveSecs(config.tokens().accessTokenLifetime().toSeconds());
        info.setRequiredClaims(Set.of("sub", "firm", "sid", "exp", "iat", "jti"));
        info.setExpGracePeriodSecs(0);
        info.setClockSkew(0);
        return info;
    }
}
