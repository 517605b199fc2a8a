package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.lexguard.deploy.local.DemoFirm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * Issue 23's first slice, in a real browser against the whole system (through the gateway only): the owner of a firm
 * with two-factor signs in to the security console with a TOTP code computed here, sees their sessions (the one from
 * London among them), ends the London one and sees it gone (and identity refuses its refresh token), sees the firm's
 * sessions; a forged cookie, a form without its CSRF token and another firm's session id each give the one clean error
 * page. The tokens never reach the browser.
 */
@ExtendWith(TheSystem.class)
class ConsoleStoryIT {

    private static final String LONDON = "81.2.69.142";

    @Test
    void theOwnerSignsInWithACodeAndEndsTheLondonSession() throws Exception {
        if (!"true".equals(System.getenv("LEXGUARD_REQUIRE_EXTERNAL_TOOLS"))) {
            Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are not installed (.ci/run installs them)");
        }
        Firm firm = Firm.signUp("Console Story LLP");
        String email = "olive@" + firm.domain();
        // a second session of the owner's, from London, before two-factor is on
        Map<String, String> london = Firm.login(email, LONDON);
        String secret = TheSystem.as(firm.ownerToken()).body(Map.of()).post("/api/v1/two-factor/enrolment").then().statusCode(200)
                .extract().path("secret");
        Instant enrolledAt = Instant.now();
        TheSystem.as(firm.ownerToken()).body(Map.of("code", TwoFactorStoryIT.code(secret, enrolledAt)))
                .post("/api/v1/two-factor/enrolment/confirm").then().statusCode(200);
        // another firm's session: its id in this firm's console is a 404 like any missing one
        Firm other = Firm.signUp("Other Firm LLP");
        String foreignSession = Firm.login("olive@" + other.domain(), null).get("sessionId");

        String console = TheSystem.gatewayUri() + "/console";
        try (Browser browser = new Browser()) {
            browser.open(console + "/sign-in");
            browser.awaitHeading("Sign in");
            browser.screenshot("sign-in");
            browser.find("#email").sendKeys(email);
            browser.find("#password").sendKeys(Firm.PASSWORD);
            browser.find("form.card button[type=submit]").click();
            browser.awaitHeading("Two-factor authentication");
            browser.screenshot("two-factor");
            browser.find("#code").sendKeys(TwoFactorStoryIT.code(secret, DemoFirm.nextTimeStep(enrolledAt)));
            browser.find("form.card button[type=submit]").click();
            browser.awaitHeading("My sessions");

            // the cookie is the console's only state in the browser: httpOnly, SameSite=Strict, no token in it or the page
            Cookie cookie = browser.driver.manage().getCookieNamed("lexguard_console");
            assertThat(cookie).isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getPath()).isEqualTo("/console");
            assertThat(browser.driver.manage().getCookies()).hasSize(1);
            assertThat(cookie.getValue()).doesNotContain("eyJ").doesNotContain("lgr_");
            assertThat(browser.driver.getPageSource()).doesNotContain("eyJ").doesNotContain("lgr_").doesNotContain(london.get("accessToken"));
            assertThat(((JavascriptExecutor) browser.driver).executeScript("return document.cookie + localStorage.length + sessionStorage.length"))
                    .isEqualTo("00");

            // sessions-service learns of sign-ins from identity's events: the London session shows up
            String londonRow = "#session-" + london.get("sessionId");
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.open(console + "/sessions");
                return !browser.driver.findElements(By.cssSelector(londonRow)).isEmpty()
                        && browser.driver.getPageSource().contains("This session");
            });
            assertThat(browser.find(londonRow).getText()).contains("London");
            browser.screenshot("my-sessions");

            browser.find(londonRow + " form[action$='/end'] button").click();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    browser.driver.findElements(By.cssSelector(londonRow)).isEmpty()
                            && browser.driver.getPageSource().contains("The session has ended."));
            browser.open(console + "/sessions");
            assertThat(browser.driver.findElements(By.cssSelector(londonRow))).isEmpty();
            // and it is over at identity too: its refresh token is refused
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TheSystem.gateway()
                    .body(Map.of("refreshToken", london.get("refreshToken"))).post("/api/v1/auth/refresh").statusCode() == 401);

            browser.open(console + "/firm/sessions");
            browser.awaitHeading("The firm's sessions");
            browser.screenshot("firm-sessions");

            // another firm's session id, posted from a real form of this console: the 404 page
            browser.open(console + "/sessions");
            browser.awaitHeading("My sessions");
            retarget(browser, "#end-others", console + "/sessions/" + foreignSession + "/end", true);
            browser.find("#end-others").click();
            browser.awaitHeading("Not found");
            assertCleanErrorPage(browser, "Error 404");
            TheSystem.as(other.ownerToken()).get("/api/v1/sessions/" + foreignSession).then().statusCode(200)
                    .body("active", equalTo(true));

            // a form whose CSRF token was taken out: refused, nothing ended
            browser.open(console + "/sessions");
            browser.awaitHeading("My sessions");
            retarget(browser, "#end-others", console + "/sessions/end-others", false);
            browser.find("#end-others").click();
            browser.awaitHeading("This form has expired");
            assertCleanErrorPage(browser, "Error 403");
            browser.screenshot("error-csrf");

            // a forged cookie: the same page, asking to sign in again
            browser.driver.manage().deleteAllCookies();
            browser.driver.manage().addCookie(new Cookie.Builder("lexguard_console", "forged-" + "x".repeat(36)).path("/console")
                    .isHttpOnly(true).sameSite("Strict").build());
            browser.open(console + "/sessions");
            browser.awaitHeading("Your session has ended");
            assertCleanErrorPage(browser, "Error 401");
            browser.screenshot("error-session");
        }
        // London's is the owner's only ended session: the other firm's id and the form without its token ended nothing
        TheSystem.as(firm.ownerToken()).get("/api/v1/sessions/" + london.get("sessionId")).then().statusCode(200)
                .body("active", equalTo(false));
        TheSystem.as(firm.ownerToken()).get("/api/v1/sessions/mine?status=ended").then().statusCode(200)
                .body("items", hasSize(1));
    }

    /**
     * Points a form of the page at {@code action} (with its CSRF token or without it) and lets htmx pick the change up:
     * the browser then posts it as it would any form of the console.
     */
    private static void retarget(Browser browser, String button, String action, boolean withCsrf) {
        ((JavascriptExecutor) browser.driver).executeScript("""
                var form = document.querySelector(arguments[0]).form;
                form.setAttribute('action', arguments[1]);
                if (!arguments[2]) {
                    form.querySelectorAll('input[name=csrf]').forEach(function (input) { input.remove(); });
                }
                htmx.process(form);
                """, button, action, withCsrf);
    }

    private static void assertCleanErrorPage(Browser browser, String status) {
        WebElement page = browser.find("main");
        assertThat(page.getText()).contains(status).contains("Reference:");
        assertThat(browser.driver.getPageSource()).doesNotContain("Exception").doesNotContain("at dev.lexguard")
                .doesNotContain("problem+json");
    }
}
