package io.custody.api.signing;

/**
 * The stable codes of refused signing requests, with their HTTP status. Clients branch on these
 * names, so a name never changes meaning once released.
 *
 * <p>The first five already exist in {@code io.custody.api.error.ErrorCode} with the same name and
 * status; the others are new and are to be merged into it. Until then they travel in a
 * {@link SigningRequestException}.
 */
public enum SigningErrorCode {
    // --- Already in ErrorCode -------------------------------------------------------------------
    /** The body is not a JSON object. */
    MALFORMED_JSON(400, "Malformed JSON"),
    /** No body. */
    BODY_REQUIRED(400, "Request body required"),
    /** A field no signature type defines. */
    UNKNOWN_FIELD(400, "Unknown field"),
    /** A value of the wrong JSON type (no coercion). */
    INVALID_FIELD_TYPE(400, "Invalid field type"),
    /** A required field is missing, or fields contradict each other. */
    VALIDATION_FAILED(400, "Validation failed"),

    // --- New ------------------------------------------------------------------------------------
    /** {@code type} is not one of the signature types. */
    UNKNOWN_SIGNATURE_TYPE(400, "Unknown signature type"),
    /** A field that exists, but not for this signature or transaction type (gasPrice on EIP-1559). */
    FIELD_NOT_ALLOWED(400, "Field not allowed for this type"),
    /** Not 0x followed by an even number of hex digits, or not the required number of bytes. */
    INVALID_HEX(400, "Invalid hex"),
    /** A quantity not in an accepted form (decimal string, 0x hex string, or a safe JSON integer). */
    INVALID_QUANTITY(400, "Invalid quantity"),
    /** A well-formed quantity outside its range (uint64, uint256, intN of EIP-712). */
    QUANTITY_OUT_OF_RANGE(400, "Quantity out of range"),
    /** A transaction without a chain id, or chain id 0: it would replay on every chain (pre-EIP-155). */
    CHAIN_ID_REQUIRED(400, "Chain id required"),
    /** Not 0x followed by 40 hex digits. */
    INVALID_ADDRESS(400, "Invalid address"),
    /** A mixed-case address whose EIP-55 checksum is wrong (usually a typo). */
    INVALID_CHECKSUM(400, "Invalid address checksum"),
    /** Typed data that breaks an EIP-712 rule the signer enforces. */
    INVALID_TYPED_DATA(400, "Invalid typed data"),
    /** A payload over the signer's limit (data, message, typed data, access list). */
    PAYLOAD_TOO_LARGE(413, "Payload too large");

    private final int status;
    private final String title;

    SigningErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The refusal of {@code field} (a JSON path, or null for the whole body) with this code. */
    SigningRequestException at(String field, String detail) {
        return new SigningRequestException(this, field, detail);
    }
}
