package dev.lexguard.sharing.contacts;

import dev.lexguard.sharing.contactrecords.ContactKind;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A contact's details: name, email and kind (client, co-counsel, expert, other). */
public record ContactRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Pattern(regexp = ContactKind.PATTERN, message = "must be one of client, co-counsel, expert, other") String kind) {
}
