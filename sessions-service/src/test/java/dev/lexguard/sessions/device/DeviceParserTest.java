package dev.lexguard.sessions.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeviceParserTest {

    private static final DeviceParser PARSER = new DeviceParser();

    @Test
    void chromeOnWindowsIsADesktop() {
        DeviceInfo device = PARSER.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36", null);
        assertThat(device.browser()).isEqualTo("Chrome 120");
        assertThat(device.os()).isEqualTo("Windows 10");
        assertThat(device.deviceType()).isEqualTo("desktop");
        assertThat(device.key()).isEqualTo("Chrome|Windows|desktop");
    }

    @Test
    void safariOnAnIphoneIsMobile() {
        DeviceInfo device = PARSER.parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1", null);
        assertThat(device.browser()).isEqualTo("Mobile Safari 17");
        assertThat(device.os()).isEqualTo("iOS 17");
        assertThat(device.deviceType()).isEqualTo("mobile");
    }

    @Test
    void anIpadIsATablet() {
        DeviceInfo device = PARSER.parse("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1", null);
        assertThat(device.deviceType()).isEqualTo("tablet");
    }

    @Test
    void firefoxOnAMacIsADesktop() {
        DeviceInfo device = PARSER.parse("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:120.0) Gecko/20100101 Firefox/120.0", null);
        assertThat(device.browser()).isEqualTo("Firefox 120");
        assertThat(device.deviceType()).isEqualTo("desktop");
    }

    @Test
    void aCrawlerIsABot() {
        DeviceInfo device = PARSER.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", null);
        assertThat(device.deviceType()).isEqualTo("bot");
    }

    @Test
    void aBrowserUpdateIsTheSameDevice() {
        DeviceInfo old = PARSER.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/119.0.0.0 Safari/537.36", null);
        DeviceInfo updated = PARSER.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36", null);
        assertThat(updated.key()).isEqualTo(old.key());
        assertThat(updated.browser()).isNotEqualTo(old.browser());
    }

    @Test
    void theMobileAppsDeviceIdIdentifiesTheDevice() {
        UUID deviceId = UUID.randomUUID();
        DeviceInfo device = PARSER.parse("LexGuard/2.3 (iPhone; iOS 17.1)", deviceId);
        assertThat(device.key()).isEqualTo("mobile:" + deviceId);
        assertThat(device.mobileDeviceId()).isEqualTo(deviceId);
        assertThat(PARSER.parse(null, deviceId).deviceType()).isEqualTo("mobile");
    }

    @Test
    void noUserAgentIsAnUnknownDevice() {
        DeviceInfo device = PARSER.parse(null, null);
        assertThat(device.key()).isNull();
        assertThat(device.browser()).isNull();
        assertThat(PARSER.parse("   ", null).key()).isNull();
    }

    @Test
    void overlongUserAgentsAreCut() {
        DeviceInfo device = PARSER.parse("x".repeat(5_000), null);
        assertThat(device.userAgent()).hasSize(DeviceParser.MAX_USER_AGENT);
    }
}
