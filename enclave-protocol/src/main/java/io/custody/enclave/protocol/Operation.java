package io.custody.enclave.protocol;

/** The operations the enclave signer serves, with their wire codes. Codes are never reused. */
public enum Operation {
    HEALTH(1),
    ATTEST(2),
    CREATE_TENANT_KEY(3),
    CREATE_ACCOUNTS(4),
    SIGN(5),
    SEAL_POLICY(6),
    EVALUATE_POLICY(7);

    private final int code;

    Operation(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The operation with this code, or null when the code is unknown. */
    public static Operation fromCode(int code) {
        for (Operation operation : values()) {
            if (operation.code == code) {
                return operation;
            }
        }
        return null;
    }
}
