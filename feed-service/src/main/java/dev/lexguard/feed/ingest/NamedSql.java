package dev.lexguard.feed.ingest;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statement written with {@code :name} parameters, turned into the {@code $n} form of the reactive PostgreSQL client. */
record NamedSql(String sql, Tuple params) {

    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([A-Za-z][A-Za-z0-9]*)");

    static NamedSql of(String sql, Map<String, Object> values) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        Matcher matcher = NAME.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            Integer position = positions.get(name);
            if (position == null) {
                params.add(values.get(name));
                position = params.size();
                positions.put(name, position);
            }
            matcher.appendReplacement(out, "\\$" + position);
        }
        matcher.appendTail(out);
        return new NamedSql(out.toString(), Tuple.from(params));
    }
}
