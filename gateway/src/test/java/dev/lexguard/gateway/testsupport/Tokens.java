package dev.lexguard.gateway.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Access tokens shaped like identity-service's, built and signed by hand so tests can also forge bad ones. */
public final class Tokens {

    public static final String ISSUER = "https://identity.lexguard.test";
    public static final String API = "lexguard-api";
    public static final String PORTAL = "lexguard-portal";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** The claims identity-service puts in a firm user's token, valid for ten minutes. */
    public static ObjectNode claims(UUID firm, UUID user, UUID session, String audience) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("sub", user.toString());
        claims.put("upn", user + "@firm.test");
        claims.put("firm", firm.toString());
        claims.put("sid", session.toString());
        claims.putArray("groups").add("administrator");
        claims.putArray("amr").add("pwd");
        claims.put("iat", now);
        claims.put("auth_time", now);
        claims.put("exp", now + 600);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    public static ObjectNode header(String alg, String kid) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", alg);
        header.put("typ", "JWT");
        if (kid != null) {
            header.put("kid", kid);
        }
        return header;
    }

    public static String user(UUID firm, UUID user, UUID session) {
        return rs256(header("RS256", TestKeys.KID_A), claims(firm, user, session, API), TestKeys.A.getPrivate());
    }

    public static String user() {
        return user(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    public static String portal(UUID firm, UUID contact, UUID session) {
        return rs256(header("RS256", TestKeys.KID_A), claims(firm, contact, session, PORTAL), TestKeys.A.getPrivate());
    }

    /** A valid user token with some claims changed before signing. */
    public static String userWith(Consumer<ObjectNode> change) {
        ObjectNode claims = claims(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), API);
        change.accept(claims);
        return rs256(header("RS256", TestKeys.KID_A), claims, TestKeys.A.getPrivate());
    }

    public static String rs256(ObjectNode header, ObjectNode claims, PrivateKey key) {
        String input = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(ObjectNode header, ObjectNode claims, byte[] secret) {
        String input = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String unsigned(ObjectNode header, ObjectNode claims) {
        return encode(header) + "." + encode(claims) + ".";
    }

    public static String encode(ObjectNode json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> parts(String token) {
        return List.of(token.split("\\.", -1));
    }
}
