package dev.lexguard.identity.keycloak;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What Keycloak handed the browser on its redirect: the authorization code and our state. */
public record SsoCallbackRequest(@NotBlank @Size(max = 128) String state, @NotBlank @Size(max = 4096) String code) {

    @Override
    public String toString() {
        return "SsoCallbackRequest[state=..., code=...]";
    }
}
