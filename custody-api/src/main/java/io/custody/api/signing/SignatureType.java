package io.custody.api.signing;

import com.fasterxml.jackson.annotation.JsonValue;
import io.custody.enclave.protocol.SignPayload.TransactionType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The {@code type} of a signing request, as written in JSON. */
public enum SignatureType {
    EIP1559_TRANSACTION("eip1559_transaction", TransactionType.EIP1559),
    EIP2930_TRANSACTION("eip2930_transaction", TransactionType.EIP2930),
    LEGACY_TRANSACTION("legacy_transaction", TransactionType.LEGACY),
    EIP191_MESSAGE("eip191_message", null),
    EIP712_TYPED_DATA("eip712_typed_data", null);

    /** The accepted JSON names, for error details. */
    static final String NAMES = Arrays.stream(values()).map(SignatureType::jsonName)
            .collect(Collectors.joining(", "));

    private final String jsonName;
    private final TransactionType transactionType;

    SignatureType(String jsonName, TransactionType transactionType) {
        this.jsonName = jsonName;
        this.transactionType = transactionType;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    public boolean isTransaction() {
        return transactionType != null;
    }

    /** The enclave's transaction type; only for transaction types. */
    TransactionType transactionType() {
        if (transactionType == null) {
            throw new IllegalStateException(jsonName + " is not a transaction type");
        }
        return transactionType;
    }

    /** The type with this exact JSON name (case-sensitive), or null. */
    static SignatureType fromJson(String name) {
        for (SignatureType type : values()) {
            if (type.jsonName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
