package io.custody.enclave.server;

import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;

/**
 * KMS responses are checked, not trusted (as the AWS Encryption SDK does). Numbered checks, each
 * with the threat it blocks; the gateway cites them where it calls them:
 * <ol>
 *   <li>the returned {@code KeyId} is a key ARN — blocks a response that names no key at all;
 *   <li>for Decrypt, it equals the ARN the DataKeyRef names (and for GenerateDataKey, the requested
 *       key when that was given as an ARN or key id) — blocks using a DEK that another key produced;
 *   <li>no {@code Plaintext} in the response — blocks using a DEK that travelled outside the
 *       Recipient envelope (KMS ignored the Recipient, or something else answered);
 *   <li>{@code CiphertextForRecipient} is present — nothing to open otherwise;
 *   <li>the opened DEK is exactly 32 bytes (AES-256) — blocks a truncated or wrong-size key;
 *   <li>GenerateDataKey's {@code CiphertextBlob} is 1..6144 bytes — the host must be able to store
 *       it and send it back in a DataKeyRef.
 * </ol>
 */
final class KmsChecks {

    static final int DEK_BYTES = 32;

    private static final Pattern KEY_ARN = Pattern.compile(
            "arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("(mrk-)?[0-9a-fA-F-]{32,36}");

    private KmsChecks() {
    }

    static boolean isKeyArn(String keyId) {
        return keyId != null && KEY_ARN.matcher(keyId).matches();
    }

    /** A DataKeyRef must name its key by ARN: the one CreateTenantKey returned (check 2 compares against it). */
    static void requireKeyArn(DataKeyRef ref) throws EnclaveException {
        if (!isKeyArn(ref.kmsKeyId())) {
            throw new EnclaveException(ErrorCode.INVALID_REQUEST,
                    "DataKeyRef.kmsKeyId must be the key ARN that CreateTenantKey returned");
        }
    }

    /** Checks 1 and 2 for GenerateDataKey; returns the ARN to record. */
    static String checkGeneratedKeyId(String requested, String returned) throws EnclaveException {
        if (!isKeyArn(returned)) { // check 1
            throw failure("KMS returned a KeyId that is not a key ARN", "UnexpectedKeyId");
        }
        boolean comparable = isKeyArn(requested) || KEY_ID.matcher(requested).matches();
        if (comparable && !(returned.equals(requested) || returned.endsWith(":key/" + requested))) { // check 2
            throw failure("KMS generated the data key under another key than requested", "UnexpectedKeyId");
        }
        return returned;
    }

    /** Checks 1 and 2 for Decrypt. */
    static void checkDecryptedKeyId(String expectedArn, String returned) throws EnclaveException {
        if (!isKeyArn(returned) || !returned.equals(expectedArn)) { // checks 1 and 2
            throw failure("KMS decrypted the data key under another key than the DataKeyRef names", "UnexpectedKeyId");
        }
    }

    /** Checks 3 and 4; returns the envelope. */
    static byte[] checkEnvelope(SdkBytes plaintext, SdkBytes ciphertextForRecipient) throws EnclaveException {
        if (plaintext != null && plaintext.asByteArrayUnsafe().length > 0) { // check 3
            throw failure("KMS returned the data key in plaintext instead of to the enclave's recipient key",
                    "PlaintextReturned");
        }
        if (ciphertextForRecipient == null || ciphertextForRecipient.asByteArrayUnsafe().length == 0) { // check 4
            throw failure("KMS returned no CiphertextForRecipient", "MissingCiphertextForRecipient");
        }
        return ciphertextForRecipient.asByteArray();
    }

    /** Check 5 (on the length only: the value is never examined or reported). */
    static void checkDekLength(int length) throws EnclaveException {
        if (length != DEK_BYTES) {
            throw failure("KMS returned a data key of " + length + " bytes, expected " + DEK_BYTES, "UnexpectedKeyLength");
        }
    }

    /** Check 6. */
    static byte[] checkCiphertextBlob(SdkBytes blob) throws EnclaveException {
        if (blob == null || blob.asByteArrayUnsafe().length == 0
                || blob.asByteArrayUnsafe().length > DataKeyRef.MAX_CIPHERTEXT) {
            throw failure("KMS returned no usable CiphertextBlob", "UnexpectedCiphertextBlob");
        }
        return blob.asByteArray();
    }

    private static EnclaveException failure(String message, String detail) {
        return new EnclaveException(ErrorCode.KMS_FAILURE, message, detail);
    }
}
