package dev.lexguard.console.gateway;

/**
 * What identity-service and sessions-service record about the person's browser (its user agent and address), passed on
 * with every call the console makes for them: the sessions list shows the browser, not the console.
 */
public record BrowserContext(String userAgent, String clientIp) {
}
