package dev.lexguard.identity.twofactor;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Shown once: the new secret, its otpauth URI and the same URI as QR codes. */
@Schema(name = "TwoFactorEnrolmentResponse")
public record EnrolmentResponse(
        @Schema(description = "Base32 secret, for typing into an authenticator app") String secret,
        String otpauthUri,
        @Schema(description = "QR code of otpauthUri, PNG, standard Base64") String qrPng,
        @Schema(description = "QR code of otpauthUri, SVG document") String qrSvg,
        Instant pendingSince) {

    public static EnrolmentResponse of(TwoFactorService.Enrolment enrolment) {
        return new EnrolmentResponse(enrolment.secret(), enrolment.otpauthUri(), TwoFactorService.base64(enrolment.qrPng()),
                enrolment.qrSvg(), enrolment.pendingSince());
    }

    @Override
    public String toString() {
        return "EnrolmentResponse[pendingSince=" + pendingSince + "]";
    }
}
