package dev.lexguard.console.gateway;

/**
 * Whatever stops a page from being shown: answered with the one error page (status, title, detail, and a way on),
 * never with a stack trace, a class name or the API's own body.
 */
public class ConsoleProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final boolean signIn;

    public ConsoleProblem(int status, String title, String detail, boolean signIn) {
        super(title, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.signIn = signIn;
    }

    public static ConsoleProblem sessionInvalid() {
        return new ConsoleProblem(401, "Your session has ended",
                "This console session is not valid or has expired. Sign in again to continue.", true);
    }

    public static ConsoleProblem csrf() {
        return new ConsoleProblem(403, "This form has expired",
                "The form was not sent by this console session. Open the page again and resubmit.", true);
    }

    public static ConsoleProblem notFound() {
        return new ConsoleProblem(404, "Not found", "There is nothing here, or it is not yours to see.", false);
    }

    public static ConsoleProblem forbidden() {
        return new ConsoleProblem(403, "Not allowed", "Your account may not see or do this.", false);
    }

    public static ConsoleProblem badRequest(String detail) {
        return new ConsoleProblem(400, "Please check what you entered", detail, false);
    }

    public static ConsoleProblem unavailable() {
        return new ConsoleProblem(502, "LexGuard is not answering",
                "The console could not reach LexGuard's services. Try again in a moment.", false);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public boolean signIn() {
        return signIn;
    }
}
