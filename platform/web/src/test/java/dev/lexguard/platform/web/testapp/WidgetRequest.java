package dev.lexguard.platform.web.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;

public record WidgetRequest(
        @NotBlank String name,
        @Min(1) @Max(10) int quantity,
        Instant dueAt,
        List<@Valid Part> parts) {

    public record Part(@NotNull @NotBlank String code) {
    }
}
