package dev.lexguard.console.web;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Renders the console's pages (Qute templates under templates/). */
@ApplicationScoped
public class Pages {

    private final Engine engine;

    public Pages(Engine engine) {
        this.engine = engine;
    }

    public String signIn(String csrf, String email, String error) {
        return page("sign-in").data("title", "Sign in").data("csrf", csrf).data("email", email == null ? "" : email)
                .data("error", error).render();
    }

    public String twoFactor(String csrf, String error) {
        return page("two-factor").data("title", "Two-factor authentication").data("csrf", csrf).data("error", error).render();
    }

    public String mySessions(String csrf, List<SessionView> sessions, String notice) {
        return page("my-sessions").data("title", "My sessions").data("csrf", csrf).data("signedIn", true)
                .data("sessions", sessions).data("notice", notice).render();
    }

    public String firmSessions(String csrf, List<SessionView> sessions) {
        return page("firm-sessions").data("title", "The firm's sessions").data("csrf", csrf).data("signedIn", true)
                .data("sessions", sessions).render();
    }

    public String error(ConsoleProblem problem, String requestId) {
        return page("error").data("title", problem.title()).data("status", problem.status()).data("detail", problem.detail())
                .data("signInLink", problem.signIn()).data("requestId", requestId).render();
    }

    private TemplateInstance page(String name) {
        return engine.getTemplate(name).instance().data("signedIn", false);
    }
}
