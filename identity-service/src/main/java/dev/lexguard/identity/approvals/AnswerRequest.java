package dev.lexguard.identity.approvals;

/**
 * The device's answer: {@code decision} approve or deny, the two digits the user read on the web page (required to
 * approve), {@code notMe} with a deny ("this wasn't me"), and the approval key's signature (DER, base64url) of the
 * answer string.
 */
public record AnswerRequest(String decision, String number, Boolean notMe, String signature) {
}
