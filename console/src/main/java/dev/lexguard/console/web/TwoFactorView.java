package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The two-factor page's state: identity's {@code GET /api/v1/two-factor} answer and, while an enrolment this console
 * session started is pending, its QR code (inline SVG) and secret.
 */
@TemplateData
public record TwoFactorView(boolean enabled, String enabledAt, int recoveryCodesRemaining, boolean low, boolean enrolling,
        String qrSvg, String secret) {

    public static TwoFactorView of(JsonObject status, String enrolmentUri, int lowThreshold) {
        boolean enabled = status.getBoolean("enabled", false);
        int remaining = status.getInteger("recoveryCodesRemaining", 0);
        // an enrolment identity has forgotten (confirmed elsewhere, or expired) is not shown
        boolean enrolling = !enabled && status.getBoolean("pending", false) && enrolmentUri != null;
        return new TwoFactorView(enabled, status.getString("enabledAt", ""), remaining, enabled && remaining <= lowThreshold,
                enrolling, enrolling ? QrSvg.of(enrolmentUri, 264, "QR code to add LexGuard to your authenticator app") : null,
                enrolling ? secretOf(enrolmentUri) : null);
    }

    /** The secret parameter of an otpauth URI, for people who type it in instead of scanning. */
    static String secretOf(String otpauthUri) {
        String query = URI.create(otpauthUri).getRawQuery();
        if (query == null) {
            return "";
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("secret=")) {
                return URLDecoder.decode(pair.substring("secret=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return "TwoFactorView[enabled=" + enabled + ", enrolling=" + enrolling + "]";
    }
}
