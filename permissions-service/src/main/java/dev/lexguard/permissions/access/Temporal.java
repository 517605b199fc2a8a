package dev.lexguard.permissions.access;

import java.time.Instant;

/**
 * The "valid at" condition on history rows (valid_from/valid_to): the current rows, or the rows valid at
 * {@code :at}. Every access query is written once with these, so "now" and "then" cannot disagree.
 */
final class Temporal {

    private Temporal() {
    }

    /** Condition for {@code alias}'s rows: current (at == null) or valid at {@code :at}. */
    static String valid(String alias, Instant at) {
        return at == null ? alias + ".valid_to is null"
                : "(" + alias + ".valid_from <= cast(:at as timestamptz) and (" + alias + ".valid_to is null or " + alias
                        + ".valid_to > cast(:at as timestamptz)))";
    }

    /** Condition for the user row {@code alias} being an active user now or at {@code :at}. */
    static String activeUser(String alias, Instant at) {
        return at == null ? alias + ".status <> 'deactivated'"
                : "(" + alias + ".created_at <= cast(:at as timestamptz) and (" + alias + ".deactivated_at is null or " + alias
                        + ".deactivated_at > cast(:at as timestamptz)))";
    }

    /** Replaces {@code {valid:x}} and {@code {active:x}} placeholders for the time asked about. */
    static String at(String sql, Instant at) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int open = sql.indexOf('{', i);
            if (open < 0) {
                return out.append(sql, i, sql.length()).toString();
            }
            int close = sql.indexOf('}', open);
            String[] placeholder = sql.substring(open + 1, close).split(":");
            out.append(sql, i, open);
            out.append(switch (placeholder[0]) {
                case "valid" -> valid(placeholder[1], at);
                case "active" -> activeUser(placeholder[1], at);
                default -> throw new IllegalArgumentException("unknown placeholder " + placeholder[0]);
            });
            i = close + 1;
        }
    }
}
