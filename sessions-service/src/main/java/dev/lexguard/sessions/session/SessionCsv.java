package dev.lexguard.sessions.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Sessions as CSV (RFC 4180). Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe: user agents are attacker-controlled text.
 */
final class SessionCsv {

    static final String HEADER = "id,userId,actorType,clientIp,countryCode,country,city,asn,network,browser,os,deviceType,"
            + "mobileDeviceId,userAgent,startedAt,lastSeenAt,endedAt,endReason,unusual,unusualReasons\r\n";

    private SessionCsv() {
    }

    static String rows(List<SessionResponse> sessions) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (SessionResponse s : sessions) {
            row(csv, s.id(), s.userId(), s.actorType(), s.clientIp(), s.location().countryCode(), s.location().country(),
                    s.location().city(), s.location().asn(), s.location().network(), s.device().browser(), s.device().os(),
                    s.device().deviceType(), s.device().mobileDeviceId(), s.device().userAgent(), s.startedAt(),
                    s.lastSeenAt(), s.endedAt(), s.endReason(), s.unusual(), String.join(" ", s.unusualReasons()));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Instant || value instanceof UUID || value instanceof Number || value instanceof Boolean
                ? value.toString() : guard(Objects.toString(value));
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String guard(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
