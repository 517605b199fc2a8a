package dev.lexguard.console.pages;

import static dev.lexguard.console.pages.Relays.param;

import dev.lexguard.console.gateway.ConsoleProblem;
import dev.lexguard.console.web.ReviewPeriod;
import dev.lexguard.console.web.SharingFilters;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Sharing's CSV exports, relayed from the gateway under the session cookie with the signed-in person's token (which
 * never reaches the browser): the shares a filter names ({@code /console/sharing/export}: the firm's, one contact's or
 * one matter's, as on the sharing page, with the page's rules) and the review report's evidence
 * ({@code /console/sharing/reviews/report/export}, administrators'). sharing-service's CSV is passed on as it comes, as
 * a download with a filename; a refusal (another firm's contact or matter: 404) is the console's error page.
 */
@ApplicationScoped
public class SharingExports {

    static final String CSV = "text/csv";

    private final Relays relays;

    SharingExports(Relays relays) {
        this.relays = relays;
    }

    void install(@Observes Router router) {
        router.get("/sharing/export").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::shares);
        router.get("/sharing/reviews/report/export").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::report);
    }

    private void shares(RoutingContext ctx) {
        relays.signedIn(ctx, me -> {
            SharingFilters filters = SharingPages.visible(me, SharingFilters.parse(param(ctx, "contact"), param(ctx, "matter"),
                    param(ctx, "status"), param(ctx, "expiring")));
            String query = filters.apiQuery();
            relays.download(ctx, me, filters.apiPath() + "/export" + (query.isEmpty() ? "" : "?" + query), CSV,
                    filters.exportFilename(today()));
        });
    }

    private void report(RoutingContext ctx) {
        relays.signedIn(ctx, me -> {
            if (!me.administrator()) {
                throw ConsoleProblem.forbidden();
            }
            ReviewPeriod period = ReviewPeriod.parse(param(ctx, "from"), param(ctx, "to"));
            String query = period.apiQuery();
            relays.download(ctx, me, "/api/v1/share-reviews/report/export" + (query.isEmpty() ? "" : "?" + query), CSV,
                    period.exportFilename(today()));
        });
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }
}
