package dev.lexguard.feed.reading;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A statement for the reactive PostgreSQL client under construction: text plus positional parameters. */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Sql append(String sql) {
        text.append(sql);
        return this;
    }

    /** Adds a parameter and returns its placeholder ({@code $n}). */
    String param(Object value) {
        params.add(value);
        return "$" + params.size();
    }

    String text() {
        return text.toString();
    }

    Tuple tuple() {
        return Tuple.from(params);
    }
}
