package io.custody.enclave.protocol;

import java.util.Arrays;

/** A tenant data key as the host stores it: its version and the KMS CiphertextBlob, never plaintext. */
public record DataKeyRef(int version, String kmsKeyId, byte[] ciphertextBlob) {
    /** KMS ciphertext blobs are at most 6144 bytes. */
    public static final int MAX_CIPHERTEXT = 6144;

    void encode(WireWriter out) {
        out.u32(version).string(kmsKeyId).bytes(ciphertextBlob);
    }

    static DataKeyRef decode(WireReader in) throws WireFormatException {
        long version = in.u32();
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw new WireFormatException("DEK version out of range");
        }
        return new DataKeyRef((int) version, in.string(2048, "KMS key id"), in.bytes(MAX_CIPHERTEXT, "DEK ciphertext"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKeyRef that && version == that.version && kmsKeyId.equals(that.kmsKeyId)
                && Arrays.equals(ciphertextBlob, that.ciphertextBlob);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + kmsKeyId.hashCode()) + Arrays.hashCode(ciphertextBlob);
    }

    @Override
    public String toString() {
        return "DataKeyRef[version=" + version + ", kmsKeyId=" + kmsKeyId + ", ciphertext=" + ciphertextBlob.length + " bytes]";
    }
}
