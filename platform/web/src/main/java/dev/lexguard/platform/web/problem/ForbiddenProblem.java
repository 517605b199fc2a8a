package dev.lexguard.platform.web.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** 403: the caller is known but may not do this. */
public final class ForbiddenProblem extends ProblemException {

    public static final String SLUG = "forbidden";

    /** The path where a signed-in user proves a second factor again and gets a fresh access token. */
    public static final String STEP_UP_PATH = "/api/v1/auth/step-up";

    private final Map<String, String> headers;

    public ForbiddenProblem(String detail) {
        this(SLUG, detail);
    }

    public ForbiddenProblem(String slug, String detail) {
        this(slug, detail, Map.of());
    }

    private ForbiddenProblem(String slug, String detail, Map<String, String> headers) {
        super(403, slug, "Forbidden", detail, List.of());
        this.headers = Map.copyOf(headers);
    }

    public static ForbiddenProblem missingPermission(String permission) {
        return new ForbiddenProblem("missing-permission", "This requires the '" + permission + "' permission");
    }

    /**
     * 403 {@code step-up-required}: a risky act needs a second factor proven within {@code maxAge}. The
     * {@code WWW-Authenticate} challenge follows RFC 9470 (OAuth 2.0 Step-up Authentication Challenge), so a
     * client library that knows it can react without parsing the body.
     */
    public static ForbiddenProblem stepUpRequired(Duration maxAge) {
        long seconds = maxAge.toSeconds();
        return new ForbiddenProblem("step-up-required",
                "This needs a second factor proven within the last " + describe(maxAge) + ": send a TOTP code or a "
                        + "recovery code to POST " + STEP_UP_PATH + " and retry with the access token it returns",
                Map.of("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", "
                        + "error_description=\"A fresh second factor is required\", max_age=\"" + seconds + "\""));
    }

    private static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes * 60 == duration.toSeconds() ? minutes + " minutes" : duration.toSeconds() + " seconds";
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
