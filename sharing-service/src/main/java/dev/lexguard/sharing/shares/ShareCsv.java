package dev.lexguard.sharing.shares;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The monitoring list as CSV (RFC 4180), safe to open in a spreadsheet. */
public final class ShareCsv {

    static final String HEADER = "id,matterId,contactId,contactName,contactKind,resourceType,resourceId,title,accessLevel,sharedBy,"
            + "createdAt,expiresAt,status,revokedAt,revokedBy,revokeReason,nextReviewAt,review,openCount,lastOpenedAt";

    private ShareCsv() {
    }

    public static String write(List<ShareResponse> rows) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (ShareResponse s : rows) {
            out.append(line(s.id(), s.matterId(), s.contactId(), s.contactName(), s.contactKind(), s.resourceType(), s.resourceId(),
                    s.title(), s.accessLevel(), s.sharedBy(), s.createdAt(), s.expiresAt(), s.status(), s.revokedAt(), s.revokedBy(),
                    s.revokeReason(), s.nextReviewAt(), s.review(), s.openCount(), s.lastOpenedAt())).append("\r\n");
        }
        return out.toString();
    }

    /** One CSV line of the values (null = empty). */
    public static String line(Object... values) {
        return Stream.of(values).map(ShareCsv::cell).collect(Collectors.joining(","));
    }

    /**
     * Quotes where needed, and defuses text a spreadsheet would run as a formula (a leading =, +, -, @, tab or
     * carriage return gets a leading apostrophe): titles and reasons are typed by users.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Instant instant ? instant.toString() : Objects.toString(value);
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
