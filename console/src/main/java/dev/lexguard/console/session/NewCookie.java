package dev.lexguard.console.session;

/** A session just created: the cookie value for the browser (stored only as its hash) and the session's CSRF token. */
public record NewCookie(String value, String csrfToken) {

    @Override
    public String toString() {
        return "NewCookie[...]";
    }
}
