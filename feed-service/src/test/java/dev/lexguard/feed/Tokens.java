package dev.lexguard.feed;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Access tokens shaped like identity-service's, signed with the test key in src/test/resources/keys. */
public final class Tokens {

    public static final String ISSUER = "https://identity.lexguard.test";

    private Tokens() {
    }

    public static JwtClaimsBuilder claims(UUID firm, UUID user, String audience, String... groups) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(audience).subject(user.toString()).upn(user + "@firm.test")
                .claim("firm", firm.toString()).claim("sid", UUID.randomUUID().toString())
                .claim("amr", List.of("pwd")).groups(Set.of(groups))
                .issuedAt(now).expiresAt(now.plusSeconds(600)).claim("jti", UUID.randomUUID().toString());
    }

    /** A firm user's token; {@code groups} are the permissions the token claims (this service checks its own records). */
    public static String user(UUID firm, UUID user, String... groups) {
        return claims(firm, user, "lexguard-api", groups).jws().keyId("test-key").sign();
    }

    /** A firm user's token after a step-up: a second factor ({@code otp}) proven just now, as risky acts require. */
    public static String steppedUp(UUID firm, UUID user, String... groups) {
        return claims(firm, user, "lexguard-api", groups).claim("amr", List.of("pwd", "otp"))
                .claim("auth_time", Instant.now().getEpochSecond()).jws().keyId("test-key").sign();
    }

    public static String portalContact(UUID firm, UUID contact) {
        return claims(firm, contact, "lexguard-portal").jws().keyId("test-key").sign();
    }

    public static String signedByAnotherKey(UUID firm, UUID user, String... groups) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(firm, user, "lexguard-api", groups).jws().keyId("test-key").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
