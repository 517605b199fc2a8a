package dev.lexguard.identity.passkeys;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.CborConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * WebAuthn verification with webauthn4j, configured once: the relying party id and origins, ES256 and RS256, user
 * verification and presence required, attestation {@code none} (no attestation trust is claimed). Parsing happens
 * before verification so the caller can find the stored challenge and credential the response names; every failure is
 * a {@link PasskeyRejected} with a reason that carries no key material.
 */
@ApplicationScoped
public class WebAuthn {

    /** COSE algorithm ids offered in creation options: ES256 and RS256. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -257L);

    private final WebAuthnConfig config;
    private final ObjectConverter converter = new ObjectConverter();
    private final CborConverter cbor = converter.getCborConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final List<PublicKeyCredentialParameters> allowed = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    public WebAuthn(WebAuthnConfig config) {
        this.config = config;
    }

    /** A verified registration, as stored. */
    public record NewCredential(byte[] credentialId, byte[] publicKey, int algorithm, long signCount, UUID aaguid,
            List<String> transports) {

        @Override
        public String toString() {
            return "NewCredential[algorithm=" + algorithm + ", aaguid=" + aaguid + "]";
        }
    }

    /** A browser's registration response, parsed but not verified. */
    public static final class Registration {
        private final RegistrationData data;

        private Registration(RegistrationData data) {
            this.data = data;
        }

        public byte[] challenge() {
            return data.getCollectedClientData().getChallenge().getValue();
        }
    }

    /** A browser's assertion, parsed but not verified. */
    public static final class Assertion {
        private final AuthenticationData data;

        private Assertion(AuthenticationData data) {
            this.data = data;
        }

        public byte[] credentialId() {
            return data.getCredentialId();
        }

        public byte[] challenge() {
            return data.getCollectedClientData().getChallenge().getValue();
        }

        /** The user handle a discoverable credential returns (null if the authenticator sent none). */
        public byte[] userHandle() {
            return data.getUserHandle();
        }
    }

    public String rpId() {
        return config.rpId();
    }

    public String rpName() {
        return config.rpName();
    }

    public long timeoutMillis() {
        return config.challengeLifetime().toMillis();
    }

    public Registration parseRegistration(String json) {
        try {
            RegistrationData data = manager.parseRegistrationResponseJSON(json);
            if (data.getCollectedClientData() == null || data.getCollectedClientData().getChallenge() == null
                    || data.getAttestationObject() == null) {
                throw new PasskeyRejected(PasskeyRejected.MALFORMED);
            }
            return new Registration(data);
        } catch (PasskeyRejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PasskeyRejected(PasskeyRejected.MALFORMED);
        }
    }

    public Assertion parseAssertion(String json) {
        try {
            AuthenticationData data = manager.parseAuthenticationResponseJSON(json);
            if (data.getCredentialId() == null || data.getCollectedClientData() == null
                    || data.getCollectedClientData().getChallenge() == null) {
                throw new PasskeyRejected(PasskeyRejected.MALFORMED);
            }
            return new Assertion(data);
        } catch (PasskeyRejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PasskeyRejected(PasskeyRejected.MALFORMED);
        }
    }

    /** Verifies a registration against the challenge that was handed out for it. */
    public NewCredential verifyRegistration(Registration registration, byte[] challenge) {
        RegistrationParameters parameters = new RegistrationParameters(server(challenge), allowed, true, true);
        try {
            manager.verify(registration.data, parameters);
        } catch (RuntimeException e) {
            throw rejection(e);
        }
        var authenticatorData = registration.data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
        COSEKey key = credential.getCOSEKey();
        if (key.getAlgorithm() == null || !ALGORITHMS.contains(key.getAlgorithm().getValue())) {
            throw new PasskeyRejected(PasskeyRejected.ALGORITHM_NOT_ALLOWED);
        }
        Set<AuthenticatorTransport> transports = registration.data.getTransports();
        List<String> names = transports == null ? List.of()
                : transports.stream().map(AuthenticatorTransport::getValue).filter(WebAuthn::plainWord).distinct()
                        .sorted().limit(8).toList();
        UUID aaguid = credential.getAaguid() == null || credential.getAaguid().getValue() == null ? new UUID(0, 0)
                : credential.getAaguid().getValue();
        return new NewCredential(credential.getCredentialId(), cbor.writeValueAsBytes(key),
                (int) key.getAlgorithm().getValue(), authenticatorData.getSignCount(), aaguid, names);
    }

    /**
     * Verifies an assertion with the stored credential: challenge, origin, rp id hash, user presence and verification,
     * signature, and the sign count (a counter that does not grow is {@link PasskeyRejected#COUNTER_REGRESSION}).
     * Returns the counter the assertion carried.
     */
    public long verifyAssertion(Assertion assertion, byte[] challenge, Passkey passkey) {
        COSEKey key = cbor.readValue(passkey.publicKey(), COSEKey.class);
        AttestedCredentialData credential = new AttestedCredentialData(new AAGUID(passkey.aaguid()),
                passkey.credentialId(), key);
        Set<AuthenticatorTransport> transports = passkey.transports().stream().map(AuthenticatorTransport::create)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        CredentialRecord record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                passkey.signCount(), credential, null, null, null, transports);
        AuthenticationParameters parameters = new AuthenticationParameters(server(challenge), record,
                List.of(passkey.credentialId()), true, true);
        try {
            manager.verify(assertion.data, parameters);
        } catch (RuntimeException e) {
            throw rejection(e);
        }
        return assertion.data.getAuthenticatorData().getSignCount();
    }

    private ServerProperty server(byte[] challenge) {
        Set<Origin> origins = config.origins().stream().map(Origin::new).collect(Collectors.toSet());
        return new ServerProperty(origins, config.rpId(), new DefaultChallenge(challenge));
    }

    private static PasskeyRejected rejection(RuntimeException e) {
        String reason;
        if (e instanceof MaliciousCounterValueException) {
            reason = PasskeyRejected.COUNTER_REGRESSION;
        } else if (e instanceof BadOriginException || e instanceof BadTopOriginException || e instanceof CrossOriginException) {
            reason = PasskeyRejected.WRONG_ORIGIN;
        } else if (e instanceof BadRpIdException) {
            reason = PasskeyRejected.WRONG_RP_ID;
        } else if (e instanceof UserNotVerifiedException) {
            reason = PasskeyRejected.UV_MISSING;
        } else if (e instanceof UserNotPresentException) {
            reason = PasskeyRejected.UP_MISSING;
        } else if (e instanceof BadSignatureException) {
            reason = PasskeyRejected.BAD_SIGNATURE;
        } else if (e instanceof BadChallengeException || e instanceof MissingChallengeException) {
            reason = PasskeyRejected.BAD_CHALLENGE;
        } else if (e instanceof NotAllowedAlgorithmException || e instanceof BadAlgorithmException) {
            reason = PasskeyRejected.ALGORITHM_NOT_ALLOWED;
        } else {
            reason = PasskeyRejected.MALFORMED;
        }
        return new PasskeyRejected(reason);
    }

    private static boolean plainWord(String value) {
        return value != null && value.matches("[a-z0-9-]{1,32}");
    }
}
