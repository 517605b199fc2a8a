package dev.lexguard.identity.tokens;

import dev.lexguard.identity.IdentityConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The RSA keys that sign access tokens (RS256). Every configured key is published in the JWKS and accepted
 * when verifying; only the active one signs. Rotation: add the next key, publish it for longer than caches
 * keep the JWKS, make it active, and remove the old key once its last token (10 minutes) has expired.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final int MIN_RSA_BITS = 2048;

    /** One key pair with its id. */
    public record Key(String kid, PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    private final Map<String, Key> keys;
    private final Key active;

    @Inject
    public SigningKeys(IdentityConfig config) {
        this(load(config), config.tokens().activeKeyId().orElse(null));
    }

    SigningKeys(Map<String, Key> keys, String activeKid) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no token signing key: set lexguard.identity.tokens.keys.\"<kid>\".private-key-location");
        }
        this.keys = Map.copyOf(keys);
        String kid = activeKid != null ? activeKid : keys.keySet().iterator().next();
        this.active = keys.get(kid);
        if (active == null) {
            throw new IllegalStateException("lexguard.identity.tokens.active-key-id names no configured key");
        }
    }

    public Key active() {
        return active;
    }

    public List<Key> all() {
        return List.copyOf(new TreeMap<>(keys).values());
    }

    /** The public keys as a JWK Set (RFC 7517): what {@code /.well-known/jwks.json} serves. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Key key : all()) {
            Map<String, Object> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("use", "sig");
            jwk.put("alg", "RS256");
            jwk.put("kid", key.kid());
            jwk.put("n", base64Url(key.publicKey().getModulus()));
            jwk.put("e", base64Url(key.publicKey().getPublicExponent()));
            list.add(jwk);
        }
        return Map.of("keys", list);
    }

    private static Map<String, Key> load(IdentityConfig config) {
        Map<String, Key> keys = new LinkedHashMap<>();
        new TreeMap<>(config.tokens().keys()).forEach((kid, settings) -> {
            try {
                PrivateKey privateKey = KeyUtils.decodePrivateKey(readPem(settings.privateKeyLocation()));
                keys.put(kid, new Key(kid, privateKey, publicOf(privateKey)));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the private key of signing key '" + kid + "'", e);
            }
        });
        if (keys.isEmpty() && config.tokens().generateEphemeralKey()) {
            String kid = "ephemeral-" + UUID.randomUUID();
            Log.warnf("No token signing key configured: generated %s for this process only (dev)", kid);
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(MIN_RSA_BITS);
                var pair = generator.generateKeyPair();
                keys.put(kid, new Key(kid, pair.getPrivate(), (RSAPublicKey) pair.getPublic()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is part of every JDK", e);
            }
        }
        return keys;
    }

    /** A file path, or a classpath resource ({@code classpath:} prefix optional). */
    static String readPem(String location) throws IOException {
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        Path file = Path.of(resource);
        if (!location.startsWith("classpath:") && Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no file or classpath resource " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static RSAPublicKey publicOf(PrivateKey privateKey) throws GeneralSecurityException {
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("a signing key must be an RSA private key (PKCS#8 PEM)");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("a signing key must have at least " + MIN_RSA_BITS + " bits");
        }
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
