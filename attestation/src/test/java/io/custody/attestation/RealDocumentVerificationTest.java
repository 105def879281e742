package io.custody.attestation;

import static io.custody.attestation.TestVectors.REAL_DOC_VALID_AT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationException.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The verifier against a real NSM document and the pinned AWS root (shared/vectors README). */
class RealDocumentVerificationTest {

    private final AttestationVerifier verifier = AttestationVerifier.awsNitro();
    private final byte[] real = TestVectors.realDocument();

    @Test
    void verify_acceptsRealAwsDocument_atInstantInsideLeafValidity() throws Exception {
        AttestationDocument doc = verifier.verify(real, REAL_DOC_VALID_AT, Expectations.none());

        assertEquals(TestVectors.REAL_MODULE_ID, doc.moduleId());
        assertEquals("SHA384", doc.digest());
        assertEquals(TestVectors.REAL_DOC_TIMESTAMP, doc.timestamp());
        assertEquals(16, doc.pcrs().size());
        assertArrayEquals(TestVectors.REAL_PCR0, doc.pcr(0).orElseThrow());
        for (int i = 5; i <= 15; i++) {
            assertArrayEquals(new byte[48], doc.pcr(i).orElseThrow(), "PCR" + i);
        }
        assertEquals(4, doc.cabundle().size());
        assertEquals(32, doc.userData().orElseThrow().length);
        assertTrue(doc.publicKey().isPresent());
        assertTrue(doc.nonce().isEmpty());
    }

    @Test
    void verify_acceptsRealDocument_whenPcr4IsSha384OfZerosAndParentInstanceId() throws Exception {
        MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
        sha384.update(new byte[48]);
        byte[] pcr4 = sha384.digest("i-059e862454f4a8d8f".getBytes(StandardCharsets.UTF_8));

        Expectations expected = Expectations.none().withPcr(0, TestVectors.REAL_PCR0).withPcr(4, pcr4);
        verifier.verify(real, REAL_DOC_VALID_AT, expected);
    }

    @Test
    void verify_acceptsRealDocument_whenWrappedInCoseTag18() throws Exception {
        byte[] tagged = new byte[real.length + 1];
        tagged[0] = (byte) 0xd2; // tag(18)
        System.arraycopy(real, 0, tagged, 1, real.length);

        AttestationDocument doc = verifier.verify(tagged, REAL_DOC_VALID_AT, Expectations.none());
        assertEquals(TestVectors.REAL_MODULE_ID, doc.moduleId());
    }

    @Test
    void verify_rejectsDocument_whenPayloadByteChanged() {
        byte[] changed = real.clone();
        int at = TestVectors.indexOf(changed, TestVectors.REAL_MODULE_ID.getBytes(StandardCharsets.US_ASCII));
        changed[at + 2] = (byte) '1'; // "i-059e..." -> "i-159e...": still well-formed text

        assertFails(Check.SIGNATURE, changed, REAL_DOC_VALID_AT);
    }

    @Test
    void verify_rejectsDocument_whenPcrByteChanged() {
        byte[] changed = real.clone();
        changed[TestVectors.indexOf(changed, TestVectors.REAL_PCR0) + 47] ^= 0x01;

        assertFails(Check.SIGNATURE, changed, REAL_DOC_VALID_AT);
    }

    @Test
    void verify_rejectsDocument_whenSignatureByteChanged() {
        byte[] changed = real.clone();
        changed[changed.length - 1] ^= 0x01;

        assertFails(Check.SIGNATURE, changed, REAL_DOC_VALID_AT);
    }

    @Test
    void verify_rejectsDocument_whenLeafCertificateSignatureByteChanged() throws Exception {
        byte[] leaf = AttestationDocument.unsafeParse(real).certificate();
        byte[] changed = real.clone();
        changed[TestVectors.indexOf(changed, leaf) + leaf.length - 1] ^= 0x01; // last byte of the cert's ECDSA s

        assertFails(Check.CERTIFICATE_CHAIN, changed, REAL_DOC_VALID_AT);
    }

    @Test
    void verify_rejectsDocument_whenAnySampledByteChanged() {
        // Every 11th byte across envelope, payload, certificates and signature: each flip must be refused.
        for (int i = 0; i < real.length; i += 11) {
            byte[] changed = real.clone();
            changed[i] ^= 0x40;
            int position = i;
            assertThrows(AttestationException.class,
                    () -> verifier.verify(changed, REAL_DOC_VALID_AT, Expectations.none()), "byte " + position);
        }
    }

    @Test
    void verify_rejectsDocument_whenInstantIsAfterLeafExpiry() {
        assertFails(Check.CERTIFICATE_VALIDITY, real, REAL_DOC_VALID_AT.plus(Duration.ofHours(4)));
    }

    @Test
    void verify_rejectsDocument_whenInstantIsBeforeChainValidity() {
        assertFails(Check.CERTIFICATE_VALIDITY, real, Instant.parse("2024-07-01T00:00:00Z"));
    }

    @Test
    void verify_rejectsDocument_whenInstantIsAfterRootExpiry() {
        assertFails(Check.CERTIFICATE_VALIDITY, real, Instant.parse("2050-01-01T00:00:00Z"));
    }

    @Test
    void verify_rejectsDocument_whenExpectedPcr0Differs() {
        byte[] otherPcr0 = TestVectors.REAL_PCR0.clone();
        otherPcr0[0] ^= 0x01;

        AttestationException e = assertThrows(AttestationException.class,
                () -> verifier.verify(real, REAL_DOC_VALID_AT, Expectations.none().withPcr(0, otherPcr0)));
        assertEquals(Check.PCR_MISMATCH, e.check());
        assertEquals(HexFormat.of().formatHex(otherPcr0), e.expected().orElseThrow());
        assertEquals(HexFormat.of().formatHex(TestVectors.REAL_PCR0), e.actual().orElseThrow());
    }

    @Test
    void verify_rejectsDocument_whenNonceExpectedButDocumentHasNone() {
        AttestationException e = assertThrows(AttestationException.class, () -> verifier.verify(
                real, REAL_DOC_VALID_AT, Expectations.none().withNonce(new byte[] {1, 2, 3})));
        assertEquals(Check.NONCE_MISMATCH, e.check());
        assertEquals("absent", e.actual().orElseThrow());
    }

    @Test
    void verify_rejectsDocument_whenOlderThanMaxAge() throws Exception {
        // The document is 6 min 53 s old at REAL_DOC_VALID_AT.
        verifier.verify(real, REAL_DOC_VALID_AT, Expectations.none().withMaxAge(Duration.ofMinutes(10)));
        AttestationException e = assertThrows(AttestationException.class, () -> verifier.verify(
                real, REAL_DOC_VALID_AT, Expectations.none().withMaxAge(Duration.ofMinutes(5))));
        assertEquals(Check.TOO_OLD, e.check());
    }

    @Test
    void verify_rejectsDocument_whenProtectedHeaderIsNotEs384() {
        // 44 a1 01 38 22 ({1: -35}) -> 43 a1 01 26 ({1: -7}, ES256): the rest of the document is untouched.
        byte[] changed = new byte[real.length - 1];
        changed[0] = real[0];
        System.arraycopy(new byte[] {0x43, (byte) 0xa1, 0x01, 0x26}, 0, changed, 1, 4);
        System.arraycopy(real, 6, changed, 5, real.length - 6);

        assertFails(Check.UNSUPPORTED_ALGORITHM, changed, REAL_DOC_VALID_AT);
    }

    @Test
    void verify_rejectsRealDocument_whenPinnedToSimulatedRoot() {
        var simulatedRoot = io.custody.attestation.simulated.SimulatedNsm.builder().build().rootCertificate();
        AttestationException e = assertThrows(AttestationException.class, () ->
                AttestationVerifier.pinnedTo(simulatedRoot).verify(real, REAL_DOC_VALID_AT, Expectations.none()));
        assertEquals(Check.UNTRUSTED_ROOT, e.check());
        assertEquals(TrustedRoots.AWS_NITRO_ROOT_G1_SHA256, e.actual().orElseThrow());
    }

    private void assertFails(Check expected, byte[] document, Instant at) {
        AttestationException e = assertThrows(AttestationException.class,
                () -> verifier.verify(document, at, Expectations.none()));
        assertEquals(expected, e.check(), e.getMessage());
    }
}
