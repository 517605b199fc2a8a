package dev.lexguard.sessions;

import dev.lexguard.platform.web.http.IpNetwork;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters of the sessions and sign-in lists, taken as text and checked here so that every
 * malformed value is a 400 {@code invalid-filter} problem naming the parameter.
 */
public class ListQuery {

    @QueryParam("userId")
    @Parameter(description = "only this user's (or contact's) sessions", example = "cdba682f-99c5-4e72-b35b-9cec60f45e73")
    String userId;

    @QueryParam("actorType")
    @Parameter(description = "user or contact", example = "user")
    String actorType;

    @QueryParam("ip")
    @Parameter(description = "an IPv4/IPv6 address or CIDR network; matches any address the session was used from",
            example = "81.2.69.0/24")
    String ip;

    @QueryParam("country")
    @Parameter(description = "ISO 3166-1 alpha-2 country code", example = "GB")
    String country;

    @QueryParam("unusual")
    @Parameter(description = "true: only unusual sign-ins", example = "true")
    String unusual;

    @QueryParam("from")
    @Parameter(description = "active at or after this time (ISO-8601)", example = "2026-11-01T00:00:00Z")
    String from;

    @QueryParam("to")
    @Parameter(description = "active before this time (ISO-8601)", example = "2026-12-01T00:00:00Z")
    String to;

    public ListQuery() {
    }

    /** The checked filter, with a status (sessions) or outcome (sign-ins) value checked against {@code allowed}. */
    public ListFilter toFilter(String extraName, String extraValue, Set<String> allowed) {
        List<FieldError> errors = new ArrayList<>();
        UUID actor = null;
        if (present(userId)) {
            try {
                actor = UUID.fromString(userId.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("userId", "must be a UUID"));
            }
        }
        ActorKind kind = null;
        if (present(actorType)) {
            kind = ActorKind.fromWire(actorType.strip()).orElse(null);
            if (kind == null) {
                errors.add(new FieldError("actorType", "must be user or contact"));
            }
        }
        IpNetwork network = null;
        if (present(ip)) {
            try {
                network = IpNetwork.parse(ip);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("ip", "must be an IPv4 or IPv6 address or CIDR network (e.g. 203.0.113.0/24)"));
            }
        }
        String countryCode = null;
        if (present(country)) {
            countryCode = country.strip().toUpperCase(Locale.ROOT);
            if (!countryCode.matches("[A-Z]{2}")) {
                errors.add(new FieldError("country", "must be a two-letter ISO 3166-1 country code"));
            }
        }
        boolean unusualOnly = false;
        if (present(unusual)) {
            if (unusual.equals("true") || unusual.equals("false")) {
                unusualOnly = Boolean.parseBoolean(unusual);
            } else {
                errors.add(new FieldError("unusual", "must be true or false"));
            }
        }
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        String extra = null;
        if (present(extraValue)) {
            extra = extraValue.strip();
            if (!allowed.contains(extra)) {
                errors.add(new FieldError(extraName, "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-filter", "The list filters are not valid", errors);
        }
        boolean sessions = "status".equals(extraName);
        return new ListFilter(actor, kind, network, countryCode, unusualOnly, start, end,
                sessions ? extra : null, sessions ? null : extra);
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 UTC time such as 2026-11-29T10:15:30Z"));
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
