package io.custody.api.tenants;

import io.custody.model.tenant.TenantStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the tenant endpoints. Unknown fields are refused by the JSON reader. */
public final class TenantRequests {
    /** 1..200 characters, no control characters, no leading or trailing white space. */
    static final String NAME_PATTERN = "^(?!\\s)[^\\p{Cntrl}]*(?<!\\s)$";
    static final String NAME_MESSAGE = "must have no control characters and no leading or trailing white space";
    /** A platform's own identifier for its customer: visible ASCII. */
    static final String EXTERNAL_REF_PATTERN = "^[\\x21-\\x7E]*$";

    private TenantRequests() {
    }

    public record Create(
            @NotNull @Size(min = 1, max = 200) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
            @Size(min = 1, max = 200) @Pattern(regexp = EXTERNAL_REF_PATTERN, message = "must be visible ASCII characters") String externalRef) {
    }

    /** A partial update: an omitted (or null) field is left unchanged. */
    public record Update(
            @Size(min = 1, max = 200) @Pattern(regexp = NAME_PATTERN, message = NAME_MESSAGE) String name,
            TenantStatus status) {
    }
}
