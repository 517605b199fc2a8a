package dev.lexguard.identity.approvals;

/**
 * An approval key: {@code publicKey} is the P-256 public key as X.509 SubjectPublicKeyInfo (DER, base64url),
 * {@code signature} the DER ECDSA signature (base64url) of the key-registration string over the latest challenge.
 */
public record RegisterKeyRequest(String publicKey, String signature) {
}
