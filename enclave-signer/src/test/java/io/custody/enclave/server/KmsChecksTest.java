package io.custody.enclave.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.enclave.protocol.DataKeyRef;
import io.custody.enclave.protocol.EnclaveException;
import io.custody.enclave.protocol.ErrorCode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/** The checks on KMS responses (KmsChecks 1-6), on responses the emulator would never send. */
class KmsChecksTest {

    private static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OTHER_ARN = "arn:aws:kms:us-east-1:111122223333:key/0000abcd-12ab-34cd-56ef-1234567890ab";

    private static void assertKmsFailure(String detail, org.junit.jupiter.api.function.Executable check) {
        EnclaveException e = assertThrows(EnclaveException.class, check);
        assertEquals(ErrorCode.KMS_FAILURE, e.code());
        assertEquals(detail, e.detail().orElseThrow());
    }

    @Test
    void keyArn_isRecognized() {
        assertTrue(KmsChecks.isKeyArn(ARN));
        assertTrue(KmsChecks.isKeyArn("arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"));
        assertFalse(KmsChecks.isKeyArn("alias/custody"));
        assertFalse(KmsChecks.isKeyArn("arn:aws:kms:us-east-1:111122223333:alias/custody"));
        assertFalse(KmsChecks.isKeyArn("1234abcd-12ab-34cd-56ef-1234567890ab"));
    }

    @Test
    void decrypt_isRefused_whenKmsReportsAnotherKey() {
        assertDoesNotThrow(() -> KmsChecks.checkDecryptedKeyId(ARN, ARN));
        assertKmsFailure("UnexpectedKeyId", () -> KmsChecks.checkDecryptedKeyId(ARN, OTHER_ARN));
        assertKmsFailure("UnexpectedKeyId", () -> KmsChecks.checkDecryptedKeyId(ARN, null));
        assertKmsFailure("UnexpectedKeyId", () -> KmsChecks.checkDecryptedKeyId(ARN, "1234abcd-12ab-34cd-56ef-1234567890ab"));
    }

    @Test
    void generate_isRefused_whenKmsReportsNoArnOrAnotherKeyThanRequested() throws Exception {
        assertEquals(ARN, KmsChecks.checkGeneratedKeyId("alias/custody", ARN));
        assertEquals(ARN, KmsChecks.checkGeneratedKeyId(ARN, ARN));
        assertEquals(ARN, KmsChecks.checkGeneratedKeyId("1234abcd-12ab-34cd-56ef-1234567890ab", ARN));
        assertKmsFailure("UnexpectedKeyId", () -> KmsChecks.checkGeneratedKeyId("alias/custody", "alias/custody"));
        assertKmsFailure("UnexpectedKeyId", () -> KmsChecks.checkGeneratedKeyId(ARN, OTHER_ARN));
        assertKmsFailure("UnexpectedKeyId",
                () -> KmsChecks.checkGeneratedKeyId("1234abcd-12ab-34cd-56ef-1234567890ab", OTHER_ARN));
    }

    @Test
    void response_withPlaintext_isRefused_evenWithAnEnvelope() {
        SdkBytes envelope = SdkBytes.fromByteArray(new byte[] {0x30, (byte) 0x80});
        assertKmsFailure("PlaintextReturned",
                () -> KmsChecks.checkEnvelope(SdkBytes.fromByteArray(new byte[32]), envelope));
    }

    @Test
    void response_withoutEnvelope_isRefused() throws Exception {
        assertKmsFailure("MissingCiphertextForRecipient", () -> KmsChecks.checkEnvelope(null, null));
        assertArrayEquals(new byte[] {1}, KmsChecks.checkEnvelope(null, SdkBytes.fromByteArray(new byte[] {1})));
    }

    @Test
    void dek_ofAnotherLengthThan32_isRefused() {
        assertDoesNotThrow(() -> KmsChecks.checkDekLength(32));
        assertKmsFailure("UnexpectedKeyLength", () -> KmsChecks.checkDekLength(16));
        assertKmsFailure("UnexpectedKeyLength", () -> KmsChecks.checkDekLength(33));
    }

    @Test
    void ciphertextBlob_mustBeStorable() {
        assertKmsFailure("UnexpectedCiphertextBlob", () -> KmsChecks.checkCiphertextBlob(null));
        assertKmsFailure("UnexpectedCiphertextBlob", () -> KmsChecks.checkCiphertextBlob(SdkBytes.fromByteArray(new byte[0])));
        assertKmsFailure("UnexpectedCiphertextBlob",
                () -> KmsChecks.checkCiphertextBlob(SdkBytes.fromByteArray(new byte[DataKeyRef.MAX_CIPHERTEXT + 1])));
    }

    @Test
    void dataKeyRef_byAlias_isInvalidRequest() {
        EnclaveException e = assertThrows(EnclaveException.class,
                () -> KmsChecks.requireKeyArn(new DataKeyRef(1, "alias/custody", new byte[8])));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
    }

    @Test
    void encryptionContext_bindsTenantPurposeAndVersion() {
        UUID tenant = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
        assertEquals(Map.of("custody:tenant", "00000000-0000-0000-0000-0000000000aa", "custody:purpose", "tenant-dek",
                "custody:dek-version", "3"), KmsGateway.encryptionContext(tenant, 3));
    }
}
