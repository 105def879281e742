package io.custody.api.keystore;

/**
 * The curve of the keys in a shard, recorded in the shard header. It is informational on this
 * side: the enclave binds the curve into each wrapped key's associated data, so a header that
 * lies about it cannot make a key open as another curve's.
 */
public enum KeyCurve {
    /** Ethereum / Bitcoin ECDSA; the only curve with key operations today. */
    SECP256K1(1, "secp256k1");
    // Codes 2 (ed25519) and 3 (bls12-381) are reserved for the enclave's other Curve values.

    private final int code;
    private final String wireName;

    KeyCurve(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    /** The u16 code in the shard header. Never change a published value. */
    public int code() {
        return code;
    }

    /** The name in {@code accounts.curve} and in the enclave's associated data. */
    public String wireName() {
        return wireName;
    }

    /** The curve with this header code, or null when the code is unknown. */
    static KeyCurve ofCode(int code) {
        for (KeyCurve curve : values()) {
            if (curve.code == code) {
                return curve;
            }
        }
        return null;
    }
}
