package dev.lexguard.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TwoFactorViewTest {

    private static final String URI = "otpauth://totp/LexGuard:Harbour%20%26%20Lane%20LLP%20%28ada%40harbourlane.example%29"
            + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=LexGuard&algorithm=SHA1&digits=6&period=30";

    @Test
    void aPendingEnrolmentShowsTheQrCodeAndTheSecret() {
        TwoFactorView view = TwoFactorView.of(new JsonObject().put("enabled", false).put("pending", true), URI, 3);
        assertThat(view.enrolling()).isTrue();
        assertThat(view.secret()).isEqualTo("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        assertThat(view.qrSvg()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("<path fill=\"#000000\" d=\"M")
                .doesNotContain("secret").doesNotContain("style");
    }

    @Test
    void anEnrolmentIdentityNoLongerHasIsNotShown() {
        TwoFactorView view = TwoFactorView.of(new JsonObject().put("enabled", false).put("pending", false), URI, 3);
        assertThat(view.enrolling()).isFalse();
        assertThat(view.qrSvg()).isNull();
        assertThat(view.secret()).isNull();
    }

    @Test
    void threeOrFewerRecoveryCodesLeftIsLow() {
        assertThat(TwoFactorView.of(new JsonObject().put("enabled", true).put("recoveryCodesRemaining", 3), null, 3).low()).isTrue();
        assertThat(TwoFactorView.of(new JsonObject().put("enabled", true).put("recoveryCodesRemaining", 4), null, 3).low()).isFalse();
    }
}
