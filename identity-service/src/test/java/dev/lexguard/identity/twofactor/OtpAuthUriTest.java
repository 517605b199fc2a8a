package dev.lexguard.identity.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    private static final TotpSecret SECRET = TotpSecret.fromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

    @Test
    void uriHasTheKeyUriFormatOfLexGuard() {
        String uri = OtpAuthUri.of(SECRET, "Smith & Jones", "anna@smith-jones.example");

        assertThat(uri).isEqualTo("otpauth://totp/LexGuard:Smith%20%26%20Jones%20%28anna%40smith-jones.example%29"
                + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=LexGuard&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void labelDecodesToIssuerFirmAndEmail() {
        URI uri = URI.create(OtpAuthUri.of(SECRET, "Müller & Partner", "jürgen@müller.example"));

        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/LexGuard:Müller & Partner (jürgen@müller.example)");
    }

    @Test
    void queryCarriesSecretIssuerAndParameters() {
        URI uri = URI.create(OtpAuthUri.of(SECRET, "Smith & Jones", "anna@smith-jones.example"));

        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }

        assertThat(query).containsExactly(
                Map.entry("secret", SECRET.base32()),
                Map.entry("issuer", "LexGuard"),
                Map.entry("algorithm", "SHA1"),
                Map.entry("digits", "6"),
                Map.entry("period", "30"));
        assertThat(TotpSecret.fromBase32(query.get("secret"))).isEqualTo(SECRET);
    }

    @Test
    void secretInTheUriIsUnpadded() {
        assertThat(OtpAuthUri.of(TotpSecret.generate(), "Firm", "a@b.example")).doesNotContain("=&").doesNotContain("%3D");
    }

    @Test
    void reservedCharactersInTheLabelArePercentEncoded() {
        String uri = OtpAuthUri.of(SECRET, "A:B/C?D#E&F=G+H%I", "x@y.example");
        String label = uri.substring("otpauth://totp/".length(), uri.indexOf('?'));

        assertThat(label).isEqualTo("LexGuard:A%3AB%2FC%3FD%23E%26F%3DG%2BH%25I%20%28x%40y.example%29");
        assertThat(label.indexOf(':')).isEqualTo("LexGuard".length());
        assertThat(label.lastIndexOf(':')).isEqualTo(label.indexOf(':'));
    }

    @Test
    void spacesAreEncodedAsPercent20NotPlus() {
        assertThat(OtpAuthUri.of(SECRET, "Big Firm", "a@b.example")).contains("Big%20Firm").doesNotContain("+");
    }

    @Test
    void surroundingWhitespaceOfFirmAndEmailIsDropped() {
        assertThat(OtpAuthUri.of(SECRET, "  Firm ", " a@b.example\n")).isEqualTo(OtpAuthUri.of(SECRET, "Firm", "a@b.example"));
    }

    @Test
    void blankFirmOrEmailIsRejected() {
        assertThatThrownBy(() -> OtpAuthUri.of(SECRET, " ", "a@b.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.of(SECRET, "Firm", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
