package io.custody.api.http;

import io.custody.model.Ids;
import jakarta.enterprise.context.RequestScoped;
import java.util.regex.Pattern;

/**
 * The correlation id of the current request: the caller's {@code X-Request-Id} when it is a
 * sane token, otherwise a fresh one. It is echoed in the response, put in every problem body
 * and recorded in every audit event.
 */
@RequestScoped
public class RequestId {
    public static final String HEADER = "X-Request-Id";
    static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private String value;

    public String value() {
        if (value == null) {
            value = Ids.newId().toString();
        }
        return value;
    }

    void adopt(String fromHeader) {
        value = fromHeader != null && ACCEPTED.matcher(fromHeader).matches() ? fromHeader : Ids.newId().toString();
    }
}
