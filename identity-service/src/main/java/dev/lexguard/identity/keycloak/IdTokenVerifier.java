package dev.lexguard.identity.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Checks an ID token of a firm's realm: RS256 only, signed by a key of the realm's JWKS (fetched and cached per
 * realm, refetched for an unknown key id), issuer = the realm, audience = our sign-in client, azp (when present) the
 * same, expiry and issue time within the allowed skew, and the nonce of this sign-in. Blocking (the JWKS fetch).
 */
@ApplicationScoped
public class IdTokenVerifier {

    private final KeycloakConfig config;
    private final Map<String, HttpsJwks> keySets = new ConcurrentHashMap<>();

    public IdTokenVerifier(KeycloakConfig config) {
        this.config = config;
    }

    public JwtClaims verify(String idToken, String issuer, String audience, String expectedNonce) {
        HttpsJwks keys = keySets.computeIfAbsent(issuer + "/protocol/openid-connect/certs", HttpsJwks::new);
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keys))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            throw new InvalidIdTokenException(reason(e));
        }
        try {
            String azp = claims.getStringClaimValue("azp");
            if (azp != null && !azp.equals(audience)) {
                throw new InvalidIdTokenException(InvalidIdTokenException.Reason.AUDIENCE);
            }
            if (expectedNonce == null || !expectedNonce.equals(claims.getStringClaimValue("nonce"))) {
                throw new InvalidIdTokenException(InvalidIdTokenException.Reason.NONCE);
            }
        } catch (MalformedClaimException e) {
            throw new InvalidIdTokenException(InvalidIdTokenException.Reason.MALFORMED);
        }
        return claims;
    }

    private static InvalidIdTokenException.Reason reason(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.EXPIRED) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return InvalidIdTokenException.Reason.EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return InvalidIdTokenException.Reason.ISSUER;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return InvalidIdTokenException.Reason.AUDIENCE;
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return InvalidIdTokenException.Reason.SIGNATURE;
        }
        // not a JWS, a refused algorithm, or a key the realm does not have (another realm's token, a forged kid)
        return InvalidIdTokenException.Reason.MALFORMED;
    }
}
