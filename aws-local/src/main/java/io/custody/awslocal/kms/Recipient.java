package io.custody.awslocal.kms;

import io.custody.awslocal.AttestationCheck;
import io.custody.awslocal.AttestationException;
import io.custody.awslocal.VerifiedAttestation;
import io.custody.awslocal.http.JsonRequest;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * A verified {@code Recipient}: the attestation document passed the {@link AttestationCheck} and
 * carries an RSA public key to encrypt the response to.
 *
 * <p>Checks, in order (spec §3-§4):
 * <ol>
 *   <li>{@code KeyEncryptionAlgorithm} is present and {@code RSAES_OAEP_SHA_256} (the only value in the model).</li>
 *   <li>The document verifies: a forged or stale document must not unlock a policy's PCR conditions.</li>
 *   <li>It has a {@code public_key}, an RSA SPKI of at least 2048 bits: the response is sealed to it.</li>
 * </ol>
 * Any failure is {@code ValidationException}, before the key policy is evaluated.
 */
record Recipient(VerifiedAttestation attestation, RSAPublicKey publicKey, byte[] subjectPublicKeyInfo) {

    static final String KEY_ENCRYPTION_ALGORITHM = "RSAES_OAEP_SHA_256";
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_DOCUMENT_BYTES = 262_144;

    /** Reads and verifies the optional {@code Recipient} member of a request. */
    static Optional<Recipient> from(JsonRequest request, AttestationCheck check) {
        Optional<JsonRequest> member = request.object("Recipient");
        if (member.isEmpty()) {
            return Optional.empty();
        }
        JsonRequest recipient = member.get();
        String algorithm = recipient.string("KeyEncryptionAlgorithm").orElse(null);
        if (!KEY_ENCRYPTION_ALGORITHM.equals(algorithm)) {
            throw invalid("Recipient.KeyEncryptionAlgorithm must be " + KEY_ENCRYPTION_ALGORITHM);
        }
        byte[] document = recipient.blob("AttestationDocument")
                .orElseThrow(() -> invalid("Recipient.AttestationDocument is required"));
        if (document.length == 0 || document.length > MAX_DOCUMENT_BYTES) {
            throw invalid("Recipient.AttestationDocument must be 1.." + MAX_DOCUMENT_BYTES + " bytes");
        }
        VerifiedAttestation attestation;
        try {
            attestation = check.verify(document);
        } catch (AttestationException e) {
            throw invalid("The attestation document in Recipient is not valid: " + e.getMessage());
        }
        if (attestation == null) {
            throw invalid("The attestation document in Recipient is not valid");
        }
        byte[] spki = attestation.publicKey();
        if (spki == null || spki.length == 0) {
            throw invalid("The attestation document in Recipient has no public key");
        }
        return Optional.of(new Recipient(attestation, rsaKey(spki), spki));
    }

    private static RSAPublicKey rsaKey(byte[] spki) {
        try {
            if (KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki)) instanceof RSAPublicKey rsa
                    && rsa.getModulus().bitLength() >= MIN_RSA_BITS) {
                return rsa;
            }
        } catch (InvalidKeySpecException e) {
            // fall through: not an RSA SubjectPublicKeyInfo
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is unavailable", e);
        }
        throw invalid("The public key in the attestation document must be an RSA (>= 2048 bit) SubjectPublicKeyInfo");
    }

    private static KmsException invalid(String message) {
        return new KmsException(KmsError.VALIDATION, message);
    }
}
