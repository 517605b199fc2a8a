package dev.lexguard.identity.twofactor;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The enrolment-only token of {@code two_factor_enrollment_required}, and for the confirmation the code. */
@Schema(name = "TwoFactorEnrolmentTokenRequest")
public record EnrolmentTokenRequest(
        @NotNull @Size(max = 256) @Schema(example = "lge_pZ4tR9mW2xK7qL0vN5cB8yH3jD6fG1sA0eU4iO7wQ2E") String enrollmentToken,
        @Size(max = 64) @Schema(description = "For the confirmation: the current code", example = "492039") String code) {

    /** The confirmation's code: 400 {@code invalid-code} when missing (the enrolment step itself needs none). */
    public String requireCode() {
        if (code == null) {
            throw new BadRequestProblem("invalid-code", "The code is required",
                    List.of(new FieldError("code", "is required")));
        }
        return code;
    }

    @Override
    public String toString() {
        return "EnrolmentTokenRequest[]";
    }
}
