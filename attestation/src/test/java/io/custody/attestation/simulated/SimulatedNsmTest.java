package io.custody.attestation.simulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.custody.attestation.AttestationDocument;
import io.custody.attestation.MutableClock;
import io.custody.attestation.NsmClient;
import io.custody.attestation.NsmDescription;
import io.custody.attestation.NsmErrorCode;
import io.custody.attestation.NsmException;
import io.custody.attestation.PcrState;
import io.custody.attestation.TestVectors;
import io.custody.attestation.TrustedRoots;
import io.custody.attestation.internal.CborDecoder;
import io.custody.attestation.internal.CborValue;
import io.custody.attestation.internal.CoseSign1;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SimulatedNsmTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final byte[] PCR0 = sha384("enclave-signer.jar".getBytes(StandardCharsets.UTF_8));

    private final MutableClock clock = new MutableClock(T0);
    private final SimulatedNsm nsm = SimulatedNsm.builder().clock(clock).pcr(0, PCR0).build();
    private final NsmClient client = new NsmClient(nsm);

    @Test
    void describeNsm_reportsNitroShape_32PcrsWith0To15Locked() throws Exception {
        NsmDescription d = client.describeNsm();
        assertEquals(32, d.maxPcrs());
        assertEquals("SHA384", d.digest());
        assertEquals(IntStream.range(0, 16).boxed().toList(), List.copyOf(d.lockedPcrs()));
        assertTrue(d.moduleId().matches("i-[0-9a-f]{17}-enc[0-9a-f]{16}"), d.moduleId());
    }

    @Test
    void describePcr_returnsConfiguredBootValue_lockedAndZeroUserPcrUnlocked() throws Exception {
        assertEquals(new PcrState(true, PCR0), client.describePcr(0));
        assertEquals(new PcrState(true, new byte[48]), client.describePcr(15));
        assertEquals(new PcrState(false, new byte[48]), client.describePcr(16));
    }

    @Test
    void extendPcr_setsSha384OfOldValueAndData() throws Exception {
        byte[] first = client.extendPcr(16, new byte[] {1, 2, 3});
        assertArrayEquals(sha384(concat(new byte[48], new byte[] {1, 2, 3})), first);
        byte[] second = client.extendPcr(16, new byte[] {4});
        assertArrayEquals(sha384(concat(first, new byte[] {4})), second);
        assertArrayEquals(second, client.describePcr(16).value());
    }

    @Test
    void extendPcr_isRefused_whenPcrIsLocked() throws Exception {
        assertNsmError(NsmErrorCode.READ_ONLY_INDEX, () -> client.extendPcr(0, new byte[] {1}));
        client.lockPcr(20);
        assertNsmError(NsmErrorCode.READ_ONLY_INDEX, () -> client.extendPcr(20, new byte[] {1}));
    }

    @Test
    void lockPcr_isRefused_forBootPcrsAndOutOfRangeIndex() {
        assertNsmError(NsmErrorCode.READ_ONLY_INDEX, () -> client.lockPcr(0));
        assertNsmError(NsmErrorCode.INVALID_INDEX, () -> client.lockPcr(32));
        assertNsmError(NsmErrorCode.INVALID_INDEX, () -> client.describePcr(32));
        assertNsmError(NsmErrorCode.INVALID_INDEX, () -> client.extendPcr(32, new byte[] {1}));
    }

    @Test
    void lockPcrs_locksWholeRange_andRefusesRangeBeyondBank() throws Exception {
        assertNsmError(NsmErrorCode.INVALID_INDEX, () -> client.lockPcrs(33));
        client.lockPcrs(32);
        assertEquals(32, client.describeNsm().lockedPcrs().size());
        assertTrue(client.describePcr(31).locked());
    }

    @Test
    void attest_includesOnlyLockedPcrs() throws Exception {
        client.extendPcr(17, new byte[] {9});
        assertEquals(16, AttestationDocument.unsafeParse(client.attest(null, null, null)).pcrs().size());
        client.lockPcr(17);
        AttestationDocument doc = AttestationDocument.unsafeParse(client.attest(null, null, null));
        assertEquals(17, doc.pcrs().size());
        assertArrayEquals(client.describePcr(17).value(), doc.pcr(17).orElseThrow());
    }

    @Test
    void attest_emitsRealDocumentShape() throws Exception {
        byte[] raw = client.attest(new byte[] {1}, null, null);
        byte[] realShape = TestVectors.realDocument();

        // Untagged COSE_Sign1 opening exactly like the real NSM: 84 44 a1 01 38 22 a0 59 ...
        assertArrayEquals(Arrays.copyOf(realShape, 8), Arrays.copyOf(raw, 8));
        CoseSign1 cose = CoseSign1.decode(raw);
        assertEquals(96, cose.signature().length);
        assertEquals(payloadKeys(CoseSign1.decode(realShape).payload()), payloadKeys(cose.payload()));
        CborValue.CborMap payload = CborDecoder.decode(cose.payload()).asMap();
        assertEquals(CborValue.NULL, payload.get("nonce"));
        assertEquals(CborValue.NULL, payload.get("public_key"));
    }

    @Test
    void attest_acceptsMaximum1024ByteFields_asNsmTestDoes() throws Exception {
        byte[] max = new byte[1024];
        Arrays.fill(max, (byte) 128);
        AttestationDocument doc = AttestationDocument.unsafeParse(client.attest(max, max, max));
        assertArrayEquals(max, doc.nonce().orElseThrow());
    }

    @Test
    void attest_isRefused_whenFieldExceeds1024Bytes_orPublicKeyIsEmpty() {
        assertNsmError(NsmErrorCode.INPUT_TOO_LARGE, () -> client.attest(new byte[1025], null, null));
        assertNsmError(NsmErrorCode.INPUT_TOO_LARGE, () -> client.attest(null, new byte[1025], null));
        assertNsmError(NsmErrorCode.INVALID_ARGUMENT, () -> client.attest(null, null, new byte[0]));
    }

    @Test
    void attest_certificateChain_isMarkedNotForProduction_andLeafLivesThreeHours() throws Exception {
        AttestationDocument doc = AttestationDocument.unsafeParse(client.attest(null, null, null));
        X509Certificate root = TrustedRoots.parseCertificate(doc.cabundle().get(0));
        X509Certificate leaf = TrustedRoots.parseCertificate(doc.certificate());

        assertEquals(nsm.rootCertificate(), root);
        assertTrue(root.getSubjectX500Principal().getName().contains(TrustedRoots.NOT_FOR_PRODUCTION_MARKER));
        assertEquals(Duration.ofHours(3), Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(0, TrustedRoots.parseCertificate(doc.cabundle().get(1)).getBasicConstraints());
    }

    @Test
    void getRandom_returns256FreshBytes() throws Exception {
        byte[] a = client.getRandom();
        byte[] b = client.getRandom();
        assertEquals(256, a.length);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void call_answersGarbageWithInvalidArgument_unknownOperationWithInvalidOperation() {
        assertArrayEquals(errorBytes("InvalidArgument"), nsm.call(new byte[] {(byte) 0xff}));
        assertArrayEquals(errorBytes("InvalidArgument"), nsm.call(new byte[0]));
        byte[] unknown = HexFormat.of().parseHex("63466f6f"); // "Foo"
        assertArrayEquals(errorBytes("InvalidOperation"), nsm.call(unknown));
        byte[] describePcrWithoutArgs = HexFormat.of().parseHex("6b4465736372696265504352"); // "DescribePCR"
        assertArrayEquals(errorBytes("InvalidArgument"), nsm.call(describePcrWithoutArgs));
    }

    @Test
    void call_answersRequestAbove4096BytesWithInputTooLarge() {
        assertArrayEquals(errorBytes("InputTooLarge"), nsm.call(new byte[4097]));
    }

    @Test
    void builder_refusesUserPcrAtConstruction_andWrongPcrLength() {
        assertThrows(IllegalArgumentException.class, () -> SimulatedNsm.builder().pcr(16, new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> SimulatedNsm.builder().pcr(0, new byte[32]));
    }

    private static List<String> payloadKeys(byte[] payload) {
        return CborDecoder.decode(payload).asMap().entries().keySet().stream().map(CborValue::asText).toList();
    }

    private static byte[] errorBytes(String code) {
        byte[] name = code.getBytes(StandardCharsets.US_ASCII);
        return concat(HexFormat.of().parseHex("a1654572726f72"), new byte[] {(byte) (0x60 + name.length)}, name);
    }

    private static void assertNsmError(NsmErrorCode code, Executable call) {
        NsmException e = assertThrows(NsmException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    private static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
