package dev.lexguard.console.web;

import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.session.SignedIn;
import dev.lexguard.console.session.SignedInContact;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

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

    public String mySessions(SignedIn me, List<SessionView> sessions, String notice) {
        return signedIn("my-sessions", "My sessions", me).data("sessions", sessions).data("notice", notice).render();
    }

    public String firmSessions(SignedIn me, List<SessionView> sessions) {
        return signedIn("firm-sessions", "The firm's sessions", me).data("sessions", sessions).render();
    }

    /** The two-factor page: identity's state, the QR code and secret of an enrolment in progress, what went wrong. */
    public String twoFactorSettings(SignedIn me, TwoFactorView state, String error) {
        return signedIn("two-factor-settings", "Authenticator app", me).data("state", state).data("error", error).render();
    }

    /** The recovery codes, on the one page that shows them; none when they were shown already. */
    public String recoveryCodes(SignedIn me, List<String> codes) {
        return signedIn("recovery-codes", "Your recovery codes", me).data("codes", codes).render();
    }

    public String overview(SignedIn me, OverviewView overview) {
        return signedIn("overview", "Security overview", me).data("overview", overview).render();
    }

    /** People and permissions; the users and matters sections are empty on a non-administrator's page. */
    public String people(SignedIn me, PeopleView people) {
        return signedIn("people", "People and permissions", me).data("people", people).render();
    }

    public String matterAccess(SignedIn me, MatterAccessView access, String today) {
        return signedIn("matter-access", "Who can see " + access.displayNumber(), me).data("access", access).data("today", today)
                .render();
    }

    public String sharing(SignedIn me, SharingView sharing, String notice) {
        String title = sharing.matterLabel() != null ? "Shared from " + sharing.matterLabel()
                : sharing.contactLabel() != null ? "Shared with " + sharing.contactLabel() : "Sharing";
        return signedIn("sharing", title, me).data("sharing", sharing).data("notice", notice).render();
    }

    /** The shares due for review, with the outcome of the last bulk decision ({@code notice}) when there was one. */
    public String reviewQueue(SignedIn me, ReviewQueueView queue, String notice) {
        return signedIn("share-reviews", "Share reviews", me).data("queue", queue).data("notice", notice).render();
    }

    public String reviewReport(SignedIn me, ReviewReportView report) {
        return signedIn("share-review-report", "Share review evidence", me).data("report", report).render();
    }

    public String feed(SignedIn me, FeedView feed) {
        return signedIn("feed", "The firm feed", me).data("feed", feed).render();
    }

    public String matterFeed(SignedIn me, FeedView feed) {
        return signedIn("feed", "The feed of " + feed.matterNumber(), me).data("feed", feed).render();
    }

    public String feedChain(SignedIn me, FeedChainView chain) {
        return signedIn("feed-chain", "The feed's hash chain", me).data("chain", chain).render();
    }

    public String error(ConsoleProblem problem, String requestId) {
        return page("error").data("title", problem.title()).data("status", problem.status()).data("detail", problem.detail())
                .data("signInLink", problem.signIn()).data("requestId", requestId).render();
    }

    /** The client portal's sign-in, for one firm's contacts. */
    public String portalSignIn(UUID firm, String csrf, String email, String error) {
        return portal("portal-sign-in", "Sign in to the client portal", firm).data("csrf", csrf).data("email", email == null ? "" : email)
                .data("error", error).render();
    }

    public String portalTwoFactor(UUID firm, String csrf, String error) {
        return portal("portal-two-factor", "Two-factor authentication", firm).data("csrf", csrf).data("error", error).render();
    }

    /** What is shared with the contact; {@code more} when sharing-service had more than the first page. */
    public String portalShares(SignedInContact me, List<PortalShareView> shares, boolean more) {
        return portalSignedIn("portal-shares", "Shared with you", me).data("shares", shares).data("more", more).render();
    }

    public String portalShare(SignedInContact me, PortalShareView share) {
        return portalSignedIn("portal-share", share.title(), me).data("share", share).render();
    }

    /** The error page in the portal's layout: its way back is the firm's portal sign-in (when the address names the firm). */
    public String portalError(ConsoleProblem problem, String requestId, UUID firm) {
        return portal("portal-error", problem.title(), firm).data("status", problem.status()).data("detail", problem.detail())
                .data("signInLink", problem.signIn() && firm != null).data("requestId", requestId).render();
    }

    /** A portal page: its own plain layout, never the firm's navigation. */
    private TemplateInstance portal(String name, String title, UUID firm) {
        return engine.getTemplate(name).instance().data("title", title).data("firm", firm == null ? null : firm.toString())
                .data("signedIn", false);
    }

    private TemplateInstance portalSignedIn(String name, String title, SignedInContact me) {
        return portal(name, title, me.firmId()).data("signedIn", true).data("csrf", me.csrfToken());
    }

    private TemplateInstance page(String name) {
        return engine.getTemplate(name).instance().data("signedIn", false).data("administrator", false);
    }

    /** A page behind sign-in: the navigation shows the administrators' pages only to an administrator. */
    private TemplateInstance signedIn(String name, String title, SignedIn me) {
        return engine.getTemplate(name).instance().data("title", title).data("csrf", me.csrfToken()).data("signedIn", true)
                .data("administrator", me.administrator());
    }
}
