package dev.lexguard.identity.passkeys;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A passkey authenticator in software, as a browser and a platform authenticator would act together: a real key pair
 * (EC P-256 or RSA 2048), real "none" attestation objects (authenticator data with the rp id hash, flags, counter and
 * the attested credential data with the COSE key, CBOR-encoded by webauthn4j's own converters), real clientDataJSON,
 * and assertions signed with the private key over authenticatorData || SHA-256(clientDataJSON). Nothing is mocked:
 * the service verifies what this produces exactly as it would a browser's.
 */
public final class SoftwareAuthenticator {

    public static final String ORIGIN = "https://app.lexguard.test";
    public static final String RP_ID = "app.lexguard.test";
    public static final UUID AAGUID_VALUE = UUID.fromString("08987058-cadc-4b81-b6e1-30de50dcbe96");

    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final KeyPair keys;
    private final COSEKey coseKey;
    private final String signatureAlgorithm;
    private final byte[] credentialId;
    private long counter;
    private String userHandle;

    private SoftwareAuthenticator(KeyPair keys, COSEKey coseKey, String signatureAlgorithm) {
        this.keys = keys;
        this.coseKey = coseKey;
        this.signatureAlgorithm = signatureAlgorithm;
        this.credentialId = new byte[32];
        RANDOM.nextBytes(credentialId);
    }

    public static SoftwareAuthenticator es256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            return new SoftwareAuthenticator(keys, EC2COSEKey.create((ECPublicKey) keys.getPublic(),
                    COSEAlgorithmIdentifier.ES256), "SHA256withECDSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SoftwareAuthenticator rs256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            return new SoftwareAuthenticator(keys, RSACOSEKey.create((RSAPublicKey) keys.getPublic(),
                    COSEAlgorithmIdentifier.RS256), "SHA256withRSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a browser and authenticator may get wrong, or be tricked into. */
    public record Context(String origin, String rpId, boolean userVerified) {

        public static Context honest() {
            return new Context(ORIGIN, RP_ID, true);
        }

        public Context origin(String origin) {
            return new Context(origin, rpId, userVerified);
        }

        public Context rpId(String rpId) {
            return new Context(origin, rpId, userVerified);
        }

        public Context withoutUserVerification() {
            return new Context(origin, rpId, false);
        }
    }

    public String credentialId() {
        return base64Url(credentialId);
    }

    public byte[] rawCredentialId() {
        return credentialId.clone();
    }

    /** A discoverable credential keeps the user handle of the creation options and returns it in assertions. */
    public void keepUserHandle(String userHandle) {
        this.userHandle = userHandle;
    }

    public long counter() {
        return counter;
    }

    /** Sets the counter back, as a cloned authenticator would be behind the original. */
    public void rewindCounterTo(long value) {
        counter = value;
    }

    public Map<String, Object> register(String challenge) {
        return register(challenge, Context.honest());
    }

    /** navigator.credentials.create() answered: the registration response JSON (PublicKeyCredential.toJSON()). */
    public Map<String, Object> register(String challenge, Context context) {
        byte[] clientData = clientData("webauthn.create", challenge, context.origin());
        AttestedCredentialData attested = new AttestedCredentialData(new AAGUID(AAGUID_VALUE), credentialId, coseKey);
        AuthenticatorData<?> authenticatorData = new AuthenticatorData<>(sha256(context.rpId().getBytes(
                StandardCharsets.UTF_8)), flags(context, true), counter, attested);
        @SuppressWarnings({"unchecked", "rawtypes"})
        AttestationObject attestation = new AttestationObject((AuthenticatorData) authenticatorData,
                new NoneAttestationStatement());
        byte[] attestationObject = new AttestationObjectConverter(CONVERTER).convertToBytes(attestation);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", base64Url(clientData));
        response.put("attestationObject", base64Url(attestationObject));
        response.put("transports", List.of("internal", "hybrid"));
        return credential(response);
    }

    public Map<String, Object> assertion(String challenge) {
        return assertion(challenge, Context.honest());
    }

    /** navigator.credentials.get() answered: the counter moves on and the assertion is signed with the private key. */
    public Map<String, Object> assertion(String challenge, Context context) {
        counter++;
        byte[] clientData = clientData("webauthn.get", challenge, context.origin());
        AuthenticatorData<?> data = new AuthenticatorData<>(sha256(context.rpId().getBytes(StandardCharsets.UTF_8)),
                flags(context, false), counter);
        byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(data);
        byte[] signature = sign(concat(authenticatorData, sha256(clientData)));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", base64Url(clientData));
        response.put("authenticatorData", base64Url(authenticatorData));
        response.put("signature", base64Url(signature));
        if (userHandle != null) {
            response.put("userHandle", userHandle);
        }
        return credential(response);
    }

    /** The same assertion with one bit of the signature flipped. */
    public Map<String, Object> tamperedAssertion(String challenge) {
        Map<String, Object> credential = assertion(challenge);
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) credential.get("response");
        byte[] signature = Base64.getUrlDecoder().decode((String) response.get("signature"));
        signature[signature.length - 1] ^= 0x01;
        response.put("signature", base64Url(signature));
        return credential;
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("authenticatorAttachment", "platform");
        credential.put("clientExtensionResults", Map.of());
        return credential;
    }

    private static byte flags(Context context, boolean attested) {
        int flags = UP | (context.userVerified() ? UV : 0) | (attested ? AT : 0);
        return (byte) flags;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        String json = "{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(keys.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
