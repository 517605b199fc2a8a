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

    /** A token with our claims, signed by {@code keyResource} under {@code kid}, expiring at {@code exp}. */
    public static String sign(String keyResource, String kid, String issuer, String audience, String firm, String sub,
            String sid, Set<String> groups, Instant iat, Instant exp) {
        JwtClaimsBuilder claims = Jwt.issuer(issuer).audience(audience).subject(sub).upn("forged@firm.example")
                .claim("firm", firm).claim("sid", sid).groups(groups).claim("amr", List.of("pwd"))
                .issuedAt(iat).expiresAt(exp).claim("jti", UUID.randomUUID().toString());
        return claims.jws().keyId(kid).sign(key(keyResource));
    }
}
