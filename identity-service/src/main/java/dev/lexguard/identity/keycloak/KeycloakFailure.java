package dev.lexguard.identity.keycloak;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.Locale;

/**
 * What went wrong talking to Keycloak, reduced to a kind and an HTTP status: never the exception's message, which
 * may quote a request (and with it a secret).
 */
public record KeycloakFailure(Kind kind, Integer httpStatus) {

    public enum Kind {
        KEYCLOAK_UNREACHABLE, KEYCLOAK_REFUSED_CREDENTIALS, KEYCLOAK_FORBIDDEN, KEYCLOAK_CONFLICT, KEYCLOAK_ERROR;

        /** The value in events ({@code provisioningFailed.error}). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static KeycloakFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException web && web.getResponse() != null) {
                int status = web.getResponse().getStatus();
                Kind kind = switch (status) {
                    case 401 -> Kind.KEYCLOAK_REFUSED_CREDENTIALS;
                    case 403 -> Kind.KEYCLOAK_FORBIDDEN;
                    case 409 -> Kind.KEYCLOAK_CONFLICT;
                    case 502, 503, 504 -> Kind.KEYCLOAK_UNREACHABLE;
                    default -> Kind.KEYCLOAK_ERROR;
                };
                return new KeycloakFailure(kind, status);
            }
            if (t instanceof IOException) {
                return new KeycloakFailure(Kind.KEYCLOAK_UNREACHABLE, null);
            }
        }
        if (failure instanceof ProcessingException) {
            return new KeycloakFailure(Kind.KEYCLOAK_UNREACHABLE, null);
        }
        return new KeycloakFailure(Kind.KEYCLOAK_ERROR, null);
    }

    /** A short description for logs and for the job's last_error. */
    public String describe() {
        return kind.code() + (httpStatus == null ? "" : " (HTTP " + httpStatus + ")");
    }
}
