package io.custody.api.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a JSON tree in one canonical form, so that equal trees give equal text whatever the
 * client's key order or spacing: RFC 8785 (JCS) for documents whose numbers are integers — no
 * white space; object members sorted by their names' UTF-16 code units; strings with only
 * {@code \"}, {@code \\}, {@code \b \f \n \r \t} and <code>&#92;u00XX</code> (lower-case hex, other control
 * characters) escaped and everything else written as is; integers in plain decimal.
 *
 * <p>The caller has already refused what this form cannot carry: fractions and exponents,
 * unpaired surrogates. Meeting one here is a bug, not a client error.
 */
public final class CanonicalJson {
    private final StringBuilder out = new StringBuilder();
    private final int maxChars;

    private CanonicalJson(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The canonical text of {@code node}, or null when it would be longer than {@code maxChars}. */
    public static String write(JsonNode node, int maxChars) {
        CanonicalJson writer = new CanonicalJson(maxChars);
        return writer.value(node) ? writer.out.toString() : null;
    }

    /** Appends {@code node}; false as soon as the text is over the limit (nothing more is written). */
    private boolean value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(node.size());
                node.properties().forEach(member -> names.add(member.getKey()));
                names.sort(String::compareTo); // UTF-16 code unit order, as RFC 8785 §3.2.3
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(names.get(i));
                    out.append(':');
                    if (!value(node.get(names.get(i)))) {
                        return false;
                    }
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!value(node.get(i))) {
                        return false;
                    }
                }
                out.append(']');
            }
            case STRING -> string(node.textValue());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalStateException("canonical JSON holds integers only");
                }
                out.append(node.bigIntegerValue());
            }
            default -> throw new IllegalStateException("not a JSON value: " + node.getNodeType());
        }
        return out.length() <= maxChars;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
