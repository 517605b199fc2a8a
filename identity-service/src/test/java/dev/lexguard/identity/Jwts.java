package dev.lexguard.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reading and forging JWTs in tests. */
public final class Jwts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwts() {
    }

    public static JsonNode header(String jwt) {
        return part(jwt, 0);
    }

    public static JsonNode claims(String jwt) {
        return part(jwt, 1);
    }

    private static JsonNode part(String jwt, int index) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PrivateKey key(String resource) {
        try {
            return KeyUtils.readPrivateKey(resource);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same access token as if its user had just stepped up (amr [pwd, otp], auth_time now), signed with the
     * service's test key: for tests of risky acts that are about something other than the step-up itself
     * (StepUpEnforcementTest walks through the real step-up endpoint).
     */
    public static String steppedUp(String accessToken) {
        return withSecondFactorAt(accessToken, Instant.now());
    }

    /** The same access token with amr [pwd, otp] proved at {@code authTime}, signed with the service's test key. */
    public static String withSecondFactorAt(String accessToken, Instant authTime) {
        Set<String> groups = new java.util.HashSet<>();
        claims(accessToken).path("groups").forEach(g -> groups.add(g.asText()));
        return steppedUp(accessToken, groups, authTime);
    }

    /** The same access token, just stepped up, with these account permissions (groups). */
    public static String steppedUpWithGroups(String accessToken, Set<String> groups) {
        return steppedUp(accessToken, groups, Instant.now());
    }

    private static String steppedUp(String accessToken, Set<String> groups, Instant authTime) {
        JsonNode c = claims(accessToken);
        Instant now = Instant.now();
        return Jwt.issuer(c.path("iss").asText()).audience(c.path("aud").asText()).subject(c.path("sub").asText())
                .upn(c.path("upn").asText()).claim("firm", c.path("firm").asText()).claim("sid", c.path("sid").asText())
                .groups(groups).claim("amr", List.of("pwd", "otp")).claim("auth_time", authTime.getEpochSecond())
                .issuedAt(now).expiresAt(now.plusSeconds(600)).claim("jti", UUID.randomUUID().toString())
                .jws().keyId("test-a").sign(key("keys/test-signing-a.pem"));
    }

    /** A token with our claims, signed by {@code keyResource} under {@code kid}, expiring at {@code exp}. */
    public static String sign(String keyResource, String kid, String issuer, String audience, String firm, String sub,
            String sid, Set<String> groups, Instant iat, Instant exp) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).audience(audience).subject(sub).upn("forged@firm.example")
                .claim("firm", firm).claim("sid", sid).groups(groups).claim("amr", List.of("pwd"))
                .issuedAt(iat).expiresAt(exp).claim("jti", UUID.randomUUID().toString());
        return claims.jws().keyId(kid).sign(key(keyResource));
    }
}
