package io.custody.api.http;

/** RFC 4180 fields: quoted when they hold a comma, a quote or a line break; quotes doubled. */
public final class Csv {
    private Csv() {
    }

    /** {@code value} as one CSV field; null is the empty field. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
