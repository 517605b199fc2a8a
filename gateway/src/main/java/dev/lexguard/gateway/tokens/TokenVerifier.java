package dev.lexguard.gateway.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Verifies identity-service's access tokens by hand with the JDK (RFC 7515/7519, following RFC 8725):
 * compact JWS only, {@code alg} must be exactly RS256 (so {@code none} and HS256-signed-with-the-public-key
 * never get near a key), {@code typ} JWT (required: identity-service always sets it), a known {@code kid}, a valid RSA signature over the exact bytes
 * received, then {@code iss}, {@code aud}, {@code exp}, {@code nbf} and {@code iat} with a small leeway, and
 * the LexGuard claims {@code sub}, {@code firm}, {@code sid}.
 *
 * <p>A token that passed is remembered (by its exact text, per audience) with the key that verified it, so a
 * client's next requests cost a map lookup and an expiry check instead of an RSA verification; the entry is
 * ignored once the key is no longer in the JWKS (every refresh replaces the key objects) or the token expired.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final ThreadLocal<Signature> RS256 = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA256withRSA", e);
        }
    });

    private static final int CACHE_SIZE = 100_000;

    private final SigningKeys keys;
    private final Cache<TokenKey, Verified> apiTokens = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
    private final Cache<TokenKey, Verified> portalTokens = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
    private final String issuer;
    private final String apiAudience;
    private final String portalAudience;
    private final long leewaySeconds;
    private final long maxLifetimeSeconds;
    private final Clock clock;

    @Inject
    public TokenVerifier(SigningKeys keys, GatewayConfig config) {
        this(keys, config, Clock.systemUTC());
    }

    TokenVerifier(SigningKeys keys, GatewayConfig config, Clock clock) {
        this.keys = keys;
        this.issuer = config.tokens().issuer();
        this.apiAudience = config.tokens().apiAudience();
        this.portalAudience = config.tokens().portalAudience();
        this.leewaySeconds = config.tokens().leeway().toSeconds();
        this.maxLifetimeSeconds = config.revocation().tokenLifetime().toSeconds();
        this.clock = clock;
    }

    /**
     * Verifies a token for a route that needs {@code portal} (contacts' audience) or the firm API audience.
     * Fails with {@link TokenRejectedException}; completes synchronously unless the {@code kid} is unknown.
     */
    public Future<VerifiedToken> verify(String token, boolean portal) {
        Cache<TokenKey, Verified> cache = portal ? portalTokens : apiTokens;
        TokenKey cacheKey = new TokenKey(token);
        Verified known = cache.getIfPresent(cacheKey);
        if (known != null) {
            // the exact bytes were verified before with a key that is still published: only time moves on
            if (keys.key(known.kid()) == known.key()
                    && clock.instant().getEpochSecond() <= known.token().expiresAt().getEpochSecond() + leewaySeconds) {
                return Future.succeededFuture(known.token());
            }
            cache.invalidate(cacheKey);
        }
        return verifyAndRemember(cacheKey, portal, cache);
    }

    private Future<VerifiedToken> verifyAndRemember(TokenKey cacheKey, boolean portal, Cache<TokenKey, Verified> cache) {
        String token = cacheKey.token;
        Parsed parsed;
        try {
            parsed = parse(token);
        } catch (TokenRejectedException e) {
            return Future.failedFuture(e);
        }
        RSAPublicKey key = keys.key(parsed.kid());
        if (key != null) {
            return complete(parsed, key, portal, cache, cacheKey);
        }
        return keys.refetchForUnknownKid().transform(ignored -> {
            RSAPublicKey refetched = keys.key(parsed.kid());
            if (refetched == null) {
                return Future.failedFuture(new TokenRejectedException("unknown-kid"));
            }
            return complete(parsed, refetched, portal, cache, cacheKey);
        });
    }

    private Future<VerifiedToken> complete(Parsed parsed, RSAPublicKey key, boolean portal, Cache<TokenKey, Verified> cache,
            TokenKey cacheKey) {
        try {
            checkSignature(parsed, key);
            VerifiedToken verified = claims(parsed, portal);
            cache.put(cacheKey, new Verified(verified, parsed.kid(), key));
            return Future.succeededFuture(verified);
        } catch (TokenRejectedException e) {
            return Future.failedFuture(e);
        }
    }

    private static Parsed parse(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException("missing");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException("malformed");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
            throw new TokenRejectedException("malformed");
        }
        JsonNode header = json(token.substring(0, first));
        if (!"RS256".equals(header.path("alg").asText(null))) {
            throw new TokenRejectedException("algorithm");
        }
        String typ = header.path("typ").asText(null);
        if (typ == null || (!"JWT".equalsIgnoreCase(typ) && !"at+jwt".equalsIgnoreCase(typ))) {
            throw new TokenRejectedException("type");
        }
        if (header.has("crit") || header.has("jku") || header.has("x5u") || header.has("jwk")) {
            // keys come only from our JWKS, never from the token itself
            throw new TokenRejectedException("header");
        }
        String kid = header.path("kid").asText(null);
        if (kid == null || kid.isEmpty()) {
            throw new TokenRejectedException("unknown-kid");
        }
        if (second == token.length() - 1) {
            throw new TokenRejectedException("signature");
        }
        byte[] signature;
        try {
            signature = B64.decode(token.substring(second + 1));
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("malformed");
        }
        return new Parsed(token, first, second, kid, signature);
    }

    private static void checkSignature(Parsed parsed, RSAPublicKey key) {
        Signature verifier = RS256.get();
        try {
            verifier.initVerify(key);
            verifier.update(parsed.token().substring(0, parsed.second()).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(parsed.signature())) {
                throw new TokenRejectedException("signature");
            }
        } catch (GeneralSecurityException e) {
            throw new TokenRejectedException("signature");
        }
    }

    private VerifiedToken claims(Parsed parsed, boolean portal) {
        JsonNode claims = json(parsed.token().substring(parsed.first() + 1, parsed.second()));
        if (!issuer.equals(claims.path("iss").asText(null))) {
            throw new TokenRejectedException("issuer");
        }
        String audience = portal ? portalAudience : apiAudience;
        String other = portal ? apiAudience : portalAudience;
        JsonNode aud = claims.path("aud");
        if (!contains(aud, audience) || contains(aud, other)) {
            throw new TokenRejectedException("audience");
        }
        long now = clock.instant().getEpochSecond();
        JsonNode exp = claims.path("exp");
        if (!exp.canConvertToLong() || !exp.isNumber() || now > exp.asLong() + leewaySeconds) {
            throw new TokenRejectedException("expired");
        }
        JsonNode nbf = claims.path("nbf");
        if (!nbf.isMissingNode() && (!nbf.isNumber() || nbf.asLong() > now + leewaySeconds)) {
            throw new TokenRejectedException("not-yet-valid");
        }
        JsonNode iat = claims.path("iat");
        if (!iat.isMissingNode() && (!iat.isNumber() || iat.asLong() > now + leewaySeconds)) {
            throw new TokenRejectedException("issued-in-future");
        }
        // the revocation list remembers a revocation for token-lifetime + leeway: a token living longer than identity
        // is configured to issue could outlive it, so it is refused rather than trusted
        long issuedAt = iat.isNumber() ? iat.asLong() : now;
        if (exp.asLong() - issuedAt > maxLifetimeSeconds + leewaySeconds) {
            throw new TokenRejectedException("lifetime");
        }
        // the session's sign-in, not auth_time: a step-up moves auth_time forward, and must not lift a token of a
        // session above the watermark that ended it
        JsonNode started = claims.path("session_start");
        JsonNode authTime = claims.path("auth_time");
        long sessionStart;
        if (started.isNumber()) {
            sessionStart = started.asLong();
        } else if (authTime.isNumber()) {
            sessionStart = authTime.asLong();
        } else if (iat.isNumber()) {
            sessionStart = iat.asLong();
        } else {
            throw new TokenRejectedException("claims");
        }
        return new VerifiedToken(uuid(claims, "firm"), uuid(claims, "sub"), uuid(claims, "sid"), portal,
                Instant.ofEpochSecond(sessionStart), Instant.ofEpochSecond(exp.asLong()));
    }

    private static boolean contains(JsonNode aud, String value) {
        if (aud.isTextual()) {
            return aud.asText().equals(value);
        }
        if (aud.isArray()) {
            for (JsonNode item : aud) {
                if (value.equals(item.asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static UUID uuid(JsonNode claims, String name) {
        String value = claims.path(name).asText(null);
        if (value == null) {
            throw new TokenRejectedException("claims");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("claims");
        }
    }

    private static JsonNode json(String base64url) {
        try {
            JsonNode node = JSON.readTree(B64.decode(base64url));
            if (node == null || !node.isObject()) {
                throw new TokenRejectedException("malformed");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new TokenRejectedException("malformed");
        }
    }

    private record Parsed(String token, int first, int second, String kid, byte[] signature) {
    }

    /**
     * A token as a cache key. {@code String.hashCode} walks the whole token (about 700 characters) and a token
     * arrives as a new string with every request, so that hash was a measurable share of a forwarded request;
     * this one hashes the last characters, which are signature bytes (random for every token issued). Equality is
     * still the whole text, and only verified tokens are ever stored, so nobody can fill a bucket on purpose.
     */
    private static final class TokenKey {
        private static final int HASHED_SUFFIX = 24;
        private final String token;
        private final int hash;

        TokenKey(String token) {
            this.token = token;
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED_SUFFIX); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.hash == hash && key.token.equals(token);
        }
    }

    /** A token that passed every check, the key that verified it, and until when it holds. */
    private record Verified(VerifiedToken token, String kid, RSAPublicKey key) {
    }
}
