package dev.lexguard.identity.keycloak;

import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Checks an ID token of a firm's realm: RS256 only, signed by a key of the realm's JWKS (fetched and cached per
 * realm, refetched for an unknown key id), issuer = the realm, audience = our sign-in client, azp (when present) the
 * same, expiry and issue time within the allowed skew, and the nonce of this sign-in. Blocking (the JWKS fetch).
 * The JWKS is fetched through {@link KeycloakHttp} (so through {@link KeycloakEgress}): an address LexGuard may not
 * reach answers the 422 {@code keycloak-address-refused}, a realm that does not answer makes the token unverifiable.
 */
@ApplicationScoped
public class IdTokenVerifier {

    /** How long a fetched key set is used before it is fetched again (jose4j's default for HttpsJwks). */
    private static final Duration KEYS_LIFETIME = Duration.ofHours(1);

    private final KeycloakConfig config;
    private final KeycloakHttp http;
    private final Map<String, KeySet> keySets = new ConcurrentHashMap<>();

    private record KeySet(List<JsonWebKey> keys, Instant fetchedAt) {
    }

    public IdTokenVerifier(KeycloakConfig config, KeycloakHttp http) {
        this.config = config;
        this.http = http;
    }

    public JwtClaims verify(String idToken, String issuer, String audience, String expectedNonce) {
        String keysUrl = issuer + "/protocol/openid-connect/certs";
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .setVerificationKeyResolver((jws, nesting) -> key(keysUrl, jws))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BusinessRuleProblem refused) {
                    throw refused;
                }
            }
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

    /** The realm's key for this signature: from the cached key set, else from a fresh one (the realm rotated keys). */
    private Key key(String keysUrl, JsonWebSignature jws) throws UnresolvableKeyException {
        KeySet cached = keySets.get(keysUrl);
        if (cached != null && Instant.now().isBefore(cached.fetchedAt().plus(KEYS_LIFETIME))) {
            JsonWebKey known = select(jws, cached);
            if (known != null) {
                return known.getKey();
            }
        }
        KeySet fresh = fetch(keysUrl);
        keySets.put(keysUrl, fresh);
        JsonWebKey key = select(jws, fresh);
        if (key == null) {
            throw new UnresolvableKeyException("no key of the realm's key set matches the token");
        }
        return key.getKey();
    }

    private KeySet fetch(String keysUrl) throws UnresolvableKeyException {
        KeycloakHttp.Answer answer;
        try {
            answer = http.get(keysUrl);
        } catch (IOException e) {
            Log.infof("the JWKS of %s could not be fetched (%s)", keysUrl,
                    e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
            throw new UnresolvableKeyException("the realm's key set could not be fetched", e);
        }
        if (answer.status() != 200) {
            throw new UnresolvableKeyException("the realm's key set answered HTTP " + answer.status());
        }
        try {
            return new KeySet(new JsonWebKeySet(answer.body()).getJsonWebKeys(), Instant.now());
        } catch (JoseException e) {
            throw new UnresolvableKeyException("the realm's key set is not a JWKS", e);
        }
    }

    private static JsonWebKey select(JsonWebSignature jws, KeySet keySet) throws UnresolvableKeyException {
        try {
            return new VerificationJwkSelector().select(jws, keySet.keys());
        } catch (JoseException e) {
            throw new UnresolvableKeyException("the token's key cannot be selected", e);
        }
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
