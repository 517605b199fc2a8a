package dev.lexguard.platform.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void theMethodAndThePathCamelCasedWithParametersAsBy() {
        assertEquals("getUsersById", OperationIds.of("GET", "/api/v1/users/{id}"));
        assertEquals("postAuthLoginTwoFactor", OperationIds.of("POST", "/api/v1/auth/login/two-factor"));
        assertEquals("deleteMattersByMatterIdAccessBlocksByUserId",
                OperationIds.of("DELETE", "/api/v1/matters/{matterId}/access/blocks/{userId}"));
        assertEquals("putPasskeysPolicy", OperationIds.of("PUT", "/api/v1/passkeys/policy/"));
    }

    @Test
    void rootsOtherThanThePublicApiStayInTheName() {
        assertEquals("getWellKnownJwksJson", OperationIds.of("GET", "/.well-known/jwks.json"));
        assertEquals("postInternalV1MailLinksInvitationsByInvitationId",
                OperationIds.of("POST", "/internal/v1/mail-links/invitations/{invitationId}"));
    }

    @Test
    void aParameterAndALiteralSegmentOfTheSameWordDiffer() {
        assertNotEquals(OperationIds.of("GET", "/api/v1/shares/matter"),
                OperationIds.of("GET", "/api/v1/shares/{matter}"));
    }
}
