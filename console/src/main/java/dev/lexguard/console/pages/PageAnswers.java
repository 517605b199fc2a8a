package dev.lexguard.console.pages;

import dev.lexguard.console.gateway.ApiAnswer;
import dev.lexguard.console.gateway.ConsoleProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** How the pages answer: HTML, redirects to a path of the console (never to the console's own address), API errors. */
final class PageAnswers {

    private PageAnswers() {
    }

    static Response html(int status, String html) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    static Response.ResponseBuilder seeOther(String path) {
        // a path, not a URL: behind the gateway the console's own address is not the browser's
        return Response.status(Response.Status.SEE_OTHER).header("Location", path);
    }

    /** The API refused: the same error page as every other refusal; another firm's session is a 404 like a missing one. */
    static ConsoleProblem refused(ApiAnswer answer) {
        return switch (answer.status()) {
            case 401 -> ConsoleProblem.sessionInvalid();
            case 403 -> ConsoleProblem.forbidden();
            case 404 -> ConsoleProblem.notFound();
            case 400 -> ConsoleProblem.badRequest("LexGuard did not accept this request.");
            default -> ConsoleProblem.unavailable();
        };
    }

    /** An id from a URL: anything but a UUID names nothing. */
    static UUID id(String value) {
        try {
            return value != null && value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
