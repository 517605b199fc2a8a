package dev.lexguard.identity.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact's portal account; {@code id} is the contact's id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PortalAccount")
public record PortalAccountResponse(
        UUID id,
        String email,
        String name,
        @Schema(enumeration = {"client", "co-counsel", "expert", "other"}) String kind,
        @Schema(enumeration = {"invited", "active", "disabled"}) String status,
        @Schema(description = "Only when one account is read") Boolean twoFactorEnabled,
        Instant createdAt,
        Instant activatedAt) {

    static PortalAccountResponse of(PortalAccount account) {
        return new PortalAccountResponse(account.id(), account.email(), account.name(), account.kind(),
                account.status(), null, account.createdAt(), account.activatedAt());
    }

    static PortalAccountResponse of(PortalAccountService.AccountView view) {
        PortalAccount account = view.account();
        return new PortalAccountResponse(account.id(), account.email(), account.name(), account.kind(),
                account.status(), view.twoFactorEnabled(), account.createdAt(), account.activatedAt());
    }
}
