package dev.lexguard.identity.keycloak;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser does with Keycloak's login page: opens the authorization URL (keeping Keycloak's cookies), reads
 * the login form's action, submits the user name and password, and stops at the redirect to our web app, whose
 * query carries {@code code} and {@code state}. Keycloak marks its cookies Secure even on http; browsers send them to
 * 127.0.0.1 (a trustworthy origin) but java.net's CookieManager does not, so this keeps its own cookie jar.
 */
final class KeycloakBrowser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION_REVERSED = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Signs in at Keycloak and answers the query parameters of the redirect to our redirect URI. */
    Map<String, String> signIn(String authorizationUrl, String username, String password, String redirectUri)
            throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET());
        assertThat(page.statusCode()).as("Keycloak's login page").isEqualTo(200);
        String action = formAction(page.body());
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(submitted.statusCode()).as("Keycloak should redirect after a right password; page: %s",
                submitted.body().length() > 2000 ? submitted.body().substring(0, 2000) : submitted.body()).isEqualTo(302);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        return query(URI.create(location).getRawQuery());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return response;
    }

    static String formAction(String html) {
        Matcher action = FORM_ACTION.matcher(html);
        if (!action.find()) {
            action = FORM_ACTION_REVERSED.matcher(html);
            assertThat(action.find()).as("a login form in Keycloak's page").isTrue();
        }
        return action.group(1).replace("&amp;", "&");
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
