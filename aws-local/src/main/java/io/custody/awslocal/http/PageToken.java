package io.custody.awslocal.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination tokens (KMS {@code Marker}, Secrets Manager {@code NextToken}). A token is the
 * offset into the sorted result, so entries created or deleted between pages can shift the
 * window by those entries (AWS list operations are only eventually consistent too).
 */
public final class PageToken {

    private static final String PREFIX = "aws-local/page/v1:";

    /** A slice {@code [from, to)} of a result of {@code total} items. */
    public record Page(int from, int to, int total) {
    }

    private PageToken() {
    }

    public static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset in a token, or -1 if the token is not one of ours or out of range. */
    public static int decode(String token, int total) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                return -1;
            }
            int offset = Integer.parseInt(text.substring(PREFIX.length()));
            return offset >= 0 && offset <= total ? offset : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
