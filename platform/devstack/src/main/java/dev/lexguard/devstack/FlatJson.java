package dev.lexguard.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the flat JSON objects of the devstack protocol and state file (string and number values only).
 * The launcher side runs inside service test JVMs, so it must not pull in a JSON library.
 */
final class FlatJson {

    private FlatJson() {
    }

    static String write(Map<String, ?> values) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, entry.getKey());
            out.append(':');
            Object value = entry.getValue();
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                quote(out, String.valueOf(value));
            }
        }
        return out.append('}').toString();
    }

    /** Returns every value as its text; a malformed document fails with IllegalArgumentException. */
    static Map<String, String> read(String json) {
        Parser parser = new Parser(json);
        Map<String, String> values = parser.object();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw new IllegalArgumentException("unexpected text after the JSON object at " + parser.pos);
        }
        return values;
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        void skipWhitespace() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        void expect(char c) {
            skipWhitespace();
            if (atEnd() || text.charAt(pos) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos);
            }
            pos++;
        }

        Map<String, String> object() {
            Map<String, String> values = new LinkedHashMap<>();
            expect('{');
            skipWhitespace();
            if (!atEnd() && text.charAt(pos) == '}') {
                pos++;
                return values;
            }
            while (true) {
                skipWhitespace();
                String key = string();
                expect(':');
                skipWhitespace();
                values.put(key, value());
                skipWhitespace();
                if (atEnd()) {
                    throw new IllegalArgumentException("unterminated JSON object");
                }
                char c = text.charAt(pos++);
                if (c == '}') {
                    return values;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected ',' or '}' at " + (pos - 1));
                }
            }
        }

        String value() {
            if (atEnd()) {
                throw new IllegalArgumentException("missing value at " + pos);
            }
            if (text.charAt(pos) == '"') {
                return string();
            }
            int start = pos;
            while (!atEnd() && "-+.eE0123456789truefalsn".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("unsupported value at " + pos);
            }
            return text.substring(start, pos);
        }

        String string() {
            if (atEnd() || text.charAt(pos) != '"') {
                throw new IllegalArgumentException("expected a string at " + pos);
            }
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (atEnd()) {
                    throw new IllegalArgumentException("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new IllegalArgumentException("truncated unicode escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape '\\" + e + "'");
                }
            }
        }
    }
}
