package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.TotpCodes;
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

    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    /** Keycloak's TOTP key of the user, once Keycloak asked this browser to set it up. */
    private byte[] keycloakTotpKey;

    /**
     * Signs in at Keycloak with its own second factor: the password, then, where Keycloak asks, sets TOTP up (a
     * required action: the secret read from the page, the current code) or enters a code of the key set up
     * earlier ({@code otpKey}, the code {@code otpStep} steps from now: Keycloak takes each code once).
     */
    Map<String, String> signInWithOtp(String authorizationUrl, String username, String password, String redirectUri,
            byte[] otpKey, int otpStep) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET());
        assertThat(page.statusCode()).as("Keycloak's login page").isEqualTo(200);
        HttpResponse<String> answer = post(formAction(page.body()), "username=" + URLEncoder.encode(username,
                StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&credentialId=");
        for (int pages = 0; pages < 6; pages++) {
            answer = withinKeycloak(answer, redirectUri);
            if (answer.statusCode() != 200) {
                break;
            }
            String html = answer.body();
            if (html.contains("kc-totp-settings-form")) {
                Map<String, String> fields = hiddenInputs(html);
                keycloakTotpKey = fields.get("totpSecret").getBytes(StandardCharsets.UTF_8);
                fields.put("totp", TotpCodes.forKey(keycloakTotpKey, 0));
                fields.put("userLabel", "phone");
                answer = post(formAction(html, "kc-totp-settings-form"), encode(fields));
            } else if (html.contains("kc-otp-login-form")) {
                answer = post(formAction(html, "kc-otp-login-form"), "otp=" + TotpCodes.forKey(otpKey, otpStep));
            } else {
                break;
            }
        }
        return redirected(answer, redirectUri);
    }

    /** Keycloak's TOTP key set up in {@link #signInWithOtp}, or null. */
    byte[] keycloakTotpKey() {
        return keycloakTotpKey;
    }

    /** A new authorization request in a browser with a Keycloak session: Keycloak redirects back at once. */
    Map<String, String> signInAgain(String authorizationUrl, String redirectUri) throws IOException, InterruptedException {
        return redirected(send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET()), redirectUri);
    }

    /** Follows Keycloak's redirects to its own pages (a required action), stopping at the one to the app. */
    private HttpResponse<String> withinKeycloak(HttpResponse<String> answer, String redirectUri)
            throws IOException, InterruptedException {
        HttpResponse<String> current = answer;
        for (int hops = 0; hops < 5 && current.statusCode() == 302; hops++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            if (location.startsWith(redirectUri)) {
                break;
            }
            current = send(HttpRequest.newBuilder(current.uri().resolve(location)).GET());
        }
        return current;
    }

    private HttpResponse<String> post(String action, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(action)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static Map<String, String> redirected(HttpResponse<String> answer, String redirectUri) {
        assertThat(answer.statusCode()).as("Keycloak should redirect to the app; page: %s",
                answer.body().length() > 2000 ? answer.body().substring(0, 2000) : answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        return query(URI.create(location).getRawQuery());
    }

    private static Map<String, String> hiddenInputs(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = HIDDEN.matcher(html);
        while (input.find()) {
            Matcher name = NAME.matcher(input.group());
            Matcher value = VALUE.matcher(input.group());
            if (name.find()) {
                fields.put(name.group(1), value.find() ? value.group(1).replace("&amp;", "&") : "");
            }
        }
        return fields;
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String formAction(String html, String formId) {
        Matcher action = Pattern.compile("<form[^>]*id=\"" + formId + "\"[^>]*action=\"([^\"]+)\"").matcher(html);
        if (!action.find()) {
            action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*id=\"" + formId + "\"").matcher(html);
            assertThat(action.find()).as("form %s in Keycloak's page", formId).isTrue();
        }
        return action.group(1).replace("&amp;", "&");
    }

    /** Signs in at Keycloak and answers the query parameters of the redirect to our redirect URI. */
    Map<String, String> signIn(String authorizationUrl, String username, String password, String redirectUri)
            throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET());
        assertThat(page.statusCode()).as("Keycloak's login page").isEqualTo(200);
        String action = formAction(page.body());
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        return redirected(post(action, form), redirectUri);
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
