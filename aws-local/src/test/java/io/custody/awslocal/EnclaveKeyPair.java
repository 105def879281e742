package io.custody.awslocal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.custody.attestation.kms.RecipientEnvelope;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;

/** The enclave side of a Recipient call: an RSA-2048 key pair and the CMS decryption of CiphertextForRecipient. */
public final class EnclaveKeyPair {

    private final KeyPair keyPair;

    public EnclaveKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * Opens a CiphertextForRecipient with the enclave's own code ({@link RecipientEnvelope#open}),
     * which refuses anything but one RSAES-OAEP (SHA-256, MGF1-SHA-256) recipient and AES-256-CBC
     * content, after checking the outer encoding is BER with indefinite lengths, as KMS sends it.
     */
    public byte[] open(byte[] ciphertextForRecipient) throws Exception {
        assertArrayEquals(new byte[] {0x30, (byte) 0x80}, java.util.Arrays.copyOf(ciphertextForRecipient, 2),
                "ContentInfo is BER with indefinite length, as KMS sends it");
        return RecipientEnvelope.open(ciphertextForRecipient, keyPair.getPrivate());
    }
}
