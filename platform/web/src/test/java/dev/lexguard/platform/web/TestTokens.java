package dev.lexguard.platform.web;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Access tokens shaped like identity-service's, signed with the test key in src/test/resources. */
public final class TestTokens {

    public static final String ISSUER = "https://identity.lexguard.test";

    private TestTokens() {
    }

    public static JwtClaimsBuilder claims(String audience, UUID firm, UUID actor, String... groups) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(actor.toString())
                .upn(actor + "@firm.test")
                .claim("firm", firm.toString())
                .claim("sid", UUID.randomUUID().toString())
                .claim("amr", List.of("pwd", "otp"))
                .groups(Set.of(groups))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600));
    }

    public static String user(UUID firm, UUID user, String... groups) {
        return sign(claims("lexguard-api", firm, user, groups));
    }

    public static String user(UUID firm, String... groups) {
        return user(firm, UUID.randomUUID(), groups);
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("test-key").sign();
    }

    public static String signWithOtherKey(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey other = generator.generateKeyPair().getPrivate();
            return claims.jws().keyId("test-key").sign(other);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) with otherwise perfect claims. */
    public static String unsigned(UUID firm, UUID user) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"lexguard-api\",\"sub\":\"" + user
                + "\",\"firm\":\"" + firm + "\",\"sid\":\"" + UUID.randomUUID()
                + "\",\"groups\":[\"administrator\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
