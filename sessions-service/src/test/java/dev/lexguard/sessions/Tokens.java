package dev.lexguard.sessions;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Access tokens shaped like identity-service's, signed with the test key in src/test/resources/keys. */
public final class Tokens {

    public static final String ISSUER = "https://identity.lexguard.test";

    private Tokens() {
    }

    public static JwtClaimsBuilder claims(UUID firm, UUID actor, UUID session, String audience, String... groups) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(audience).subject(actor.toString()).upn(actor + "@firm.test")
                .claim("firm", firm.toString()).claim("sid", session.toString())
                .claim("amr", List.of("pwd")).groups(Set.of(groups))
                .issuedAt(now).expiresAt(now.plusSeconds(600)).claim("jti", UUID.randomUUID().toString());
    }

    /** A firm user's token for session {@code session}; {@code groups} are the account permissions. */
    public static String user(UUID firm, UUID user, UUID session, String... groups) {
        return claims(firm, user, session, "lexguard-api", groups).jws().keyId("test-key").sign();
    }

    public static String administrator(UUID firm, UUID user, UUID session) {
        return user(firm, user, session, "administrator");
    }

    /** A firm user's token right after a step-up: amr pwd + otp, the second factor proven now. */
    public static String steppedUp(UUID firm, UUID user, UUID session, String... groups) {
        return withSecondFactor(claims(firm, user, session, "lexguard-api", groups), Instant.now());
    }

    /** A firm user's token whose second factor was proven {@code ago} ago (older than the step-up window if > 10 min). */
    public static String secondFactorProvedAgo(UUID firm, UUID user, UUID session, Duration ago, String... groups) {
        return withSecondFactor(claims(firm, user, session, "lexguard-api", groups), Instant.now().minus(ago));
    }

    private static String withSecondFactor(JwtClaimsBuilder claims, Instant provedAt) {
        return claims.claim("amr", List.of("pwd", "otp")).claim("auth_time", provedAt.getEpochSecond())
                .jws().keyId("test-key").sign();
    }

    public static String portalContact(UUID firm, UUID contact, UUID session) {
        return claims(firm, contact, session, "lexguard-portal").jws().keyId("test-key").sign();
    }

    public static String signedByAnotherKey(UUID firm, UUID user, UUID session) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(firm, user, session, "lexguard-api", "administrator").jws().keyId("test-key")
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
