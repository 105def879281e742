package io.custody.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationException.Check;
import io.custody.attestation.simulated.SimulatedNsm;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Documents from the simulated NSM, checked by the same verifier pinned to the simulated root. */
class SimulatedDocumentVerificationTest {

    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final byte[] PCR0 = filled(0x11);
    private static final byte[] PCR8 = filled(0x88);
    private static final byte[] NONCE = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] USER_DATA = "user data".getBytes();
    private static final byte[] PUBLIC_KEY = filled(0x30); // any bytes: the NSM does not parse it

    private final MutableClock clock = new MutableClock(T0);
    private final SimulatedNsm nsm = SimulatedNsm.builder().clock(clock).pcr(0, PCR0).pcr(8, PCR8).build();
    private final NsmClient client = new NsmClient(nsm);
    private final AttestationVerifier verifier = AttestationVerifier.pinnedTo(nsm.rootCertificate());

    @Test
    void verify_acceptsSimulatedDocument_withAllExpectationsMet() throws Exception {
        byte[] raw = client.attest(USER_DATA, NONCE, PUBLIC_KEY);
        Expectations expected = Expectations.none()
                .withPcr(0, PCR0).withPcr(8, PCR8).withNonce(NONCE).withMaxAge(Duration.ofMinutes(5));

        AttestationDocument doc = verifier.verify(raw, T0.plusSeconds(30), expected);

        assertEquals(nsm.moduleId(), doc.moduleId());
        assertEquals(T0, doc.timestamp());
        assertArrayEquals(USER_DATA, doc.userData().orElseThrow());
        assertArrayEquals(NONCE, doc.nonce().orElseThrow());
        assertArrayEquals(PUBLIC_KEY, doc.publicKey().orElseThrow());
        assertEquals(16, doc.pcrs().size());
        assertEquals(2, doc.cabundle().size());
    }

    @Test
    void verify_acceptsSimulatedDocument_taggedAndUntagged() throws Exception {
        byte[] untagged = client.attest(null, null, null);
        assertEquals((byte) 0x84, untagged[0], "the NSM emits untagged COSE_Sign1");
        byte[] tagged = new byte[untagged.length + 1];
        tagged[0] = (byte) 0xd2;
        System.arraycopy(untagged, 0, tagged, 1, untagged.length);

        assertEquals(verifier.verify(untagged, T0, Expectations.none()), verifier.verify(tagged, T0, Expectations.none()));
    }

    @Test
    void verify_rejectsSimulatedDocument_whenPinnedToAwsRoot() throws Exception {
        byte[] raw = client.attest(null, NONCE, null);
        assertCheck(Check.UNTRUSTED_ROOT, () -> AttestationVerifier.awsNitro().verify(raw, T0, Expectations.none()));
    }

    @Test
    void verify_rejectsDocument_whenSignedUnderAnotherSimulatedRoot() throws Exception {
        SimulatedNsm other = SimulatedNsm.builder().clock(clock).pcr(0, PCR0).build();
        byte[] raw = new NsmClient(other).attest(null, NONCE, null);
        assertCheck(Check.UNTRUSTED_ROOT, () -> verifier.verify(raw, T0, Expectations.none()));
    }

    @Test
    void verify_rejectsDocument_whenOlderThanMaxAge() throws Exception {
        byte[] raw = client.attest(null, null, null);
        Expectations fiveMinutes = Expectations.none().withMaxAge(Duration.ofMinutes(5));

        verifier.verify(raw, T0.plus(Duration.ofMinutes(5)), fiveMinutes);
        assertCheck(Check.TOO_OLD, () -> verifier.verify(raw, T0.plus(Duration.ofMinutes(6)), fiveMinutes));
    }

    @Test
    void verify_rejectsDocument_whenTimestampIsAfterInstantBeyondClockSkew() throws Exception {
        clock.advance(Duration.ofMinutes(30)); // same leaf, valid since T0
        byte[] raw = client.attest(null, null, null);
        Expectations fiveMinutes = Expectations.none().withMaxAge(Duration.ofMinutes(5));

        assertCheck(Check.FROM_FUTURE, () -> verifier.verify(raw, T0.plus(Duration.ofMinutes(10)), fiveMinutes));
    }

    @Test
    void verify_rejectsDocument_whenNonceDiffers() throws Exception {
        byte[] raw = client.attest(null, NONCE, null);
        byte[] other = NONCE.clone();
        other[15] ^= 1;

        AttestationException e = assertCheck(Check.NONCE_MISMATCH,
                () -> verifier.verify(raw, T0, Expectations.none().withNonce(other)));
        assertEquals(HexFormat.of().formatHex(other), e.expected().orElseThrow());
        assertEquals(HexFormat.of().formatHex(NONCE), e.actual().orElseThrow());
    }

    @Test
    void verify_rejectsDocument_whenPcrDiffers() throws Exception {
        byte[] raw = client.attest(null, null, null);
        assertCheck(Check.PCR_MISMATCH, () -> verifier.verify(raw, T0, Expectations.none().withPcr(8, PCR0)));
    }

    @Test
    void verify_rejectsDocument_whenExpectedPcrIsNotLocked() throws Exception {
        byte[] raw = client.attest(null, null, null); // PCR16 is unlocked, so not in the document
        AttestationException e = assertCheck(Check.PCR_MISMATCH,
                () -> verifier.verify(raw, T0, Expectations.none().withPcr(16, new byte[48])));
        assertEquals("absent", e.actual().orElseThrow());
    }

    @Test
    void verify_acceptsDocument_withExtendedAndLockedUserPcr() throws Exception {
        byte[] pcr16 = client.extendPcr(16, "custody/v1/test".getBytes());
        client.lockPcr(16);
        byte[] raw = client.attest(null, null, null);

        AttestationDocument doc = verifier.verify(raw, T0, Expectations.none().withPcr(16, pcr16));
        assertEquals(17, doc.pcrs().size());
    }

    @Test
    void verify_rejectsDocument_whenLeafHasExpired() throws Exception {
        byte[] raw = client.attest(null, null, null);
        assertCheck(Check.CERTIFICATE_VALIDITY,
                () -> verifier.verify(raw, T0.plus(Duration.ofHours(3)).plusSeconds(1), Expectations.none()));
    }

    @Test
    void attest_renewsLeaf_whenClockPassesLeafLifetime() throws Exception {
        byte[] first = client.attest(null, null, null);
        clock.advance(Duration.ofHours(4));
        byte[] second = client.attest(null, null, null);

        AttestationDocument doc = verifier.verify(second, clock.instant(), Expectations.none());
        assertTrue(!Arrays.equals(AttestationDocument.unsafeParse(first).certificate(), doc.certificate()));
    }

    @Test
    void verify_rejectsDocument_whenPayloadByteChanged() throws Exception {
        byte[] raw = client.attest(null, NONCE, null);
        raw[TestVectors.indexOf(raw, NONCE)] ^= 0x01;
        assertCheck(Check.SIGNATURE, () -> verifier.verify(raw, T0, Expectations.none()));
    }

    private static AttestationException assertCheck(Check check, Executable call) {
        AttestationException e = assertThrows(AttestationException.class, call);
        assertEquals(check, e.check(), e.getMessage());
        return e;
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[48];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
